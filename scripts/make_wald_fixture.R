# Writes, for each regression path of a multi-group model, lavaan's Wald test
# that the path is equal in every group: lavTestWald(fit, constraints =
# "b_1 == b_2; b_1 == b_3 …") on the paths' parameter labels (plabels), with
# each group's estimate, as JSON.
# Usage: Rscript scripts/make_wald_fixture.R DATA_CSV MODEL_FILE GROUP ESTIMATOR OUT_JSON [GROUP_EQUAL]
suppressMessages({ library(lavaan); library(jsonlite) })
a <- commandArgs(trailingOnly = TRUE)
data <- read.csv(a[1])
model <- paste(readLines(a[2]), collapse = "\n")
ge <- if (length(a) >= 6) strsplit(a[6], ",")[[1]] else ""
fit <- sem(model, data = data, group = a[3], estimator = a[4], group.equal = ge)
pt <- parTable(fit)
reg <- pt[pt$op == "~" & pt$group == 1, ]
paths <- lapply(seq_len(nrow(reg)), function(i) {
  rows <- pt[pt$op == "~" & pt$lhs == reg$lhs[i] & pt$rhs == reg$rhs[i], ]
  rows <- rows[order(rows$group), ]
  con <- paste(rows$plabel[1], "==", rows$plabel[-1], collapse = "; ")
  w <- lavTestWald(fit, constraints = con)
  list(outcome = reg$lhs[i], predictor = reg$rhs[i], est = rows$est,
       chisq = w$stat, df = w$df, pvalue = w$p.value)
})
out <- list(lavaan_version = as.character(packageVersion("lavaan")), group = a[3],
            estimator = a[4], group.equal = ge,
            groups = lavInspect(fit, "group.label"), paths = paths)
write(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE), a[5])
cat("wrote", a[5], "\n")
