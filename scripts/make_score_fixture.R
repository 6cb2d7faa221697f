# Writes lavaan's score tests of the equality constraints of a multi-group fit
# (lavTestScore(fit, epc = TRUE)$uni and the constraints' parameters) as JSON.
# Usage: Rscript scripts/make_score_fixture.R DATA_CSV MODEL_FILE GROUP GROUP_EQUAL OUT_JSON [GROUP_PARTIAL [ESTIMATOR]]
# (ESTIMATOR WLSMV: every data column but the group is ordered)
# Example:
#   Rscript scripts/make_score_fixture.R data.csv model.lav channel loadings out.json
suppressMessages({ library(lavaan); library(jsonlite) })
a <- commandArgs(trailingOnly = TRUE)
data <- read.csv(a[1])
model <- paste(readLines(a[2]), collapse = "\n")
partial <- if (length(a) >= 6 && nchar(a[6]) > 0) strsplit(a[6], ",")[[1]] else character(0)
estimator <- if (length(a) >= 7) a[7] else "ML"
ordered <- if (toupper(estimator) == "WLSMV") setdiff(names(data), a[3]) else NULL
fit <- cfa(model, data = data, group = a[3], group.equal = strsplit(a[4], ",")[[1]],
           group.partial = partial, estimator = estimator, ordered = ordered)
st <- lavTestScore(fit)
pt <- parTable(fit)
rows <- lapply(seq_len(nrow(st$uni)), function(i) {
  u <- st$uni[i, ]
  r <- pt[pt$plabel == u$rhs, ]
  list(lhs = r$lhs, op = r$op, rhs = r$rhs, group = r$group,
       chisq = u$X2, df = u$df, pvalue = u$p.value)
})
write(toJSON(list(group = a[3], group.equal = strsplit(a[4], ",")[[1]], group.partial = partial,
                  total = list(chisq = st$test$X2, df = st$test$df), uni = rows),
             auto_unbox = TRUE, digits = NA, pretty = TRUE), a[5])
cat("wrote", a[5], "\n")
