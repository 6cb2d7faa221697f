# Writes lavaan's comparison of two nested models as JSON: each model's
# fitMeasures() (standard, scaled and robust) and anova(fit_a, fit_b)
# (= lavTestLRT: Df, AIC, BIC, Chisq, Chisq diff, Df diff, Pr(>Chisq); for
# MLR/MLM the Satorra–Bentler 2001 scaled difference), rows in lavaan's
# order (fewer df first).
# Usage: Rscript scripts/make_compare_fixture.R DATA_CSV MODEL_A MODEL_B ESTIMATOR OUT_JSON [GROUP]
# (GROUP: the column of a multi-group fit, lavaan's group =; ESTIMATOR WLSMV:
# every data column but the group is ordered, and the difference is
# lavTestLRT's satorra.2000)
suppressMessages({ library(lavaan); library(jsonlite) })
a <- commandArgs(trailingOnly = TRUE)
data <- read.csv(a[1])
models <- lapply(a[2:3], function(f) paste(readLines(f), collapse = "\n"))
group <- if (length(a) >= 6) a[6] else NULL
ordered <- if (toupper(a[4]) == "WLSMV") setdiff(names(data), group) else NULL
fits <- lapply(models, function(m) sem(m, data = data, estimator = a[4], group = group,
                                       ordered = ordered))
num <- function(x) if (is.finite(x)) as.numeric(x) else NA
keys <- c("npar", "chisq", "df", "pvalue", "chisq.scaled", "pvalue.scaled", "chisq.scaling.factor",
          "cfi", "tli", "rmsea", "cfi.robust", "tli.robust", "rmsea.robust", "srmr", "aic", "bic")
fm <- lapply(fits, function(f) {
  v <- fitMeasures(f)
  r <- list()
  for (k in intersect(keys, names(v))) r[[gsub(".", "_", k, fixed = TRUE)]] <- num(v[[k]])
  r
})
lrt <- anova(fits[[1]], fits[[2]])
rows <- lapply(seq_len(nrow(lrt)), function(i)
  list(df = num(lrt$Df[i]), aic = num(lrt$AIC[i]), bic = num(lrt$BIC[i]), chisq = num(lrt$Chisq[i]),
       delta_chisq = num(lrt[["Chisq diff"]][i]), delta_df = num(lrt[["Df diff"]][i]),
       delta_pvalue = num(lrt[["Pr(>Chisq)"]][i])))
out <- list(lavaan_version = as.character(packageVersion("lavaan")), estimator = a[4], group = group,
            models = basename(a[2:3]), fit = fm, anova_heading = attr(lrt, "heading"), anova = rows)
write(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE), a[5])
cat("wrote", a[5], "\n")
