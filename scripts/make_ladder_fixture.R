# Writes lavaan's measurement-invariance ladder as JSON: configural, metric,
# scalar and strict `cfa()` fits (group.equal none / loadings / + intercepts /
# + residuals, group.partial in every level), each level's fit measures as
# fitMeasures() gives them, and lavTestLRT(configural, metric, scalar,
# strict): its Chisq, Df, Chisq diff, Df diff and Pr(>Chisq) (for MLR/MLM
# the Satorra–Bentler 2001 scaled difference, lavaan 0.6's default); and the
# scalar level's latent means of groups 2, 3, … (parameterEstimates).
# With ESTIMATOR WLSMV every data column but the group is ordered, the scalar
# level equates thresholds instead of intercepts (study-methods.md §2), there
# is no strict level (under the delta parameterization the residual
# variances are not parameters: `residuals` adds no constraint), and
# lavTestLRT's difference is satorra.2000 (scaled and shifted).
# Usage: Rscript scripts/make_ladder_fixture.R DATA_CSV MODEL_FILE GROUP ESTIMATOR OUT_JSON [GROUP_PARTIAL]
# Example:
#   Rscript scripts/make_ladder_fixture.R hs.csv model.lav school MLR out.json 'x3~1'
suppressMessages({ library(lavaan); library(jsonlite) })
a <- commandArgs(trailingOnly = TRUE)
data <- read.csv(a[1])
model <- paste(readLines(a[2]), collapse = "\n")
group <- a[3]; estimator <- a[4]
partial <- if (length(a) >= 6) strsplit(a[6], ",")[[1]] else character(0)
ordinal <- toupper(estimator) == "WLSMV"
levels <- if (ordinal) {
  list(configural = "", metric = "loadings", scalar = c("loadings", "thresholds"))
} else {
  list(configural = "", metric = "loadings",
       scalar = c("loadings", "intercepts"),
       strict = c("loadings", "intercepts", "residuals"))
}
ordered <- if (ordinal) setdiff(names(data), group) else NULL
fits <- lapply(levels, function(ge)
  cfa(model, data = data, group = group, group.equal = ge, group.partial = partial,
      estimator = estimator, ordered = ordered))
num <- function(x) if (is.finite(x)) as.numeric(x) else NA
keys <- c("npar", "chisq", "df", "pvalue", "chisq.scaled", "df.scaled", "pvalue.scaled",
          "chisq.scaling.factor", "cfi", "tli", "rmsea", "cfi.scaled", "tli.scaled",
          "rmsea.scaled", "cfi.robust", "tli.robust", "rmsea.robust", "srmr", "aic", "bic")
lrt <- do.call(lavTestLRT, unname(fits))
# lavTestLRT orders the models by df: configural, metric, scalar, strict
rows <- lapply(seq_along(fits), function(i) {
  fm <- fitMeasures(fits[[i]])
  r <- list(level = names(fits)[i], converged = lavInspect(fits[[i]], "converged"))
  for (k in intersect(keys, names(fm))) r[[gsub(".", "_", k, fixed = TRUE)]] <- num(fm[[k]])
  r$lrt_chisq <- num(lrt$Chisq[i]); r$lrt_df <- num(lrt$Df[i])
  if (i > 1) {
    r$delta_chisq <- num(lrt[["Chisq diff"]][i]); r$delta_df <- num(lrt[["Df diff"]][i])
    r$delta_pvalue <- num(lrt[["Pr(>Chisq)"]][i])
  }
  r
})
# the scalar level's latent means of groups 2, 3, … (group 1 fixed at 0)
pe <- parameterEstimates(fits$scalar)
lm <- pe[pe$op == "~1" & pe$lhs %in% lavNames(fits$scalar, "lv") & pe$group > 1, ]
latent_means <- lapply(seq_len(nrow(lm)), function(i)
  list(factor = lm$lhs[i], group = lm$group[i], est = lm$est[i], se = lm$se[i],
       z = lm$z[i], pvalue = lm$pvalue[i]))
out <- list(lavaan_version = as.character(packageVersion("lavaan")), group = group,
            estimator = estimator, group.partial = partial,
            groups = lavInspect(fits$configural, "group.label"),
            nobs = unlist(lavInspect(fits$configural, "nobs")),
            lrt_heading = attr(lrt, "heading"), ladder = rows,
            scalar_latent_means = latent_means)
write(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE), a[5])
cat("wrote", a[5], "\n")
