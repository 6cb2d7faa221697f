# Writes a lavaan reference case in the format of ../shared/reference:
# model.lav, the data CSV and reference.json (lavaan 0.6 + semTools results).
# Usage: Rscript scripts/make_fixture.R OUT_DIR NAME DATA_CSV MODEL_FILE [CALL_JSON]
# Example:
#   Rscript scripts/make_fixture.R tests/fixtures/lavaan-extra path_fixed_x \
#     data.csv model.lav '{"std.lv": true}'
suppressMessages({ library(lavaan); library(semTools); library(jsonlite) })
a <- commandArgs(trailingOnly = TRUE)
out <- file.path(a[1], a[2]); dir.create(out, showWarnings = FALSE, recursive = TRUE)
data <- read.csv(a[3])
model <- paste(readLines(a[4]), collapse = "\n")
call <- if (length(a) >= 5) fromJSON(a[5], simplifyVector = TRUE) else list()
fit <- do.call("sem", c(list(model = model, data = data), call))
data_file <- paste0(a[2], ".csv")
write.csv(data, file.path(out, data_file), row.names = FALSE)
writeLines(model, file.path(out, "model.lav"))
pe <- parameterEstimates(fit, remove.nonfree = FALSE)
ss <- standardizedSolution(fit, type = "std.all")
sl <- standardizedSolution(fit, type = "std.lv")
num <- function(x) ifelse(is.finite(x), x, NA)
params <- lapply(seq_len(nrow(pe)), function(i) {
  r <- pe[i, ]
  list(lhs = r$lhs, op = r$op, rhs = r$rhs, label = r$label,
       group = if (is.null(r$group)) 1L else r$group,
       est = num(r$est), se = num(r$se), z = num(r$z), pvalue = num(r$pvalue),
       ci_lower = num(r$ci.lower), ci_upper = num(r$ci.upper),
       std_lv = num(sl$est.std[i]), std_all = num(ss$est.std[i]), se_std_all = num(ss$se[i]))
})
fm <- fitMeasures(fit)
fitl <- as.list(sapply(fm, function(x) if (is.finite(x)) as.numeric(x) else NA))
r2 <- lavInspect(fit, "r2")
# several groups: `r2` is group 1's (the tables are of group 1) and
# `r2_groups` each group's, in lavaan's group order
r2_groups <- NULL
if (is.list(r2)) { r2_groups <- unname(lapply(r2, as.list)); r2 <- r2[[1]] }
r2 <- as.list(r2)
lv <- lavNames(fit, "lv")
rel <- list(); alpha <- list(); ht <- NULL; corlv <- NULL
if (length(lv) > 0) {
  om <- tryCatch(compRelSEM(fit), error = function(e) NULL)
  av <- tryCatch(AVE(fit), error = function(e) NULL)
  for (f in names(om)) rel[[f]] <- list(omega = num(om[[f]]), ave = if (!is.null(av)) num(av[[f]]) else NA)
  # Cronbach's alpha of each construct's observed items on the rows where all
  # of them are observed (ordinal items as their category codes 1..K), as
  # semlab computes it; not compRelSEM(tau.eq = TRUE), which uses the rows
  # of the fit (listwise) or the FIML moments when data are missing. One
  # group only (semlab fits one group).
  if (lavInspect(fit, "ngroups") == 1) {
    pt <- parTable(fit)
    ov <- lavNames(fit, "ov")
    for (f in lv) {
      # a loading fixed at zero (`0*x9`) is not an indicator (as in compRelSEM)
      zero <- pt$free == 0 & !is.na(pt$ustart) & pt$ustart == 0
      items <- unique(pt$rhs[pt$op == "=~" & pt$lhs == f & pt$rhs %in% ov & !zero])
      if (length(items) < 2) next  # no alpha of one item (nor in semTools)
      # every loading fixed (growth factors): not a scale, no alpha (as
      # semlab's latent kinds; compRelSEM gives nothing either)
      if (!any(pt$free[pt$op == "=~" & pt$lhs == f] > 0)) next
      x <- data[, items, drop = FALSE]
      for (j in intersect(items, lavNames(fit, "ov.ord"))) x[[j]] <- as.integer(factor(x[[j]]))
      x <- x[complete.cases(x), , drop = FALSE]
      alpha[[f]] <- if (nrow(x) < 2) NA else {
        v <- cov(x)
        num(length(items) / (length(items) - 1) * (1 - sum(diag(v)) / sum(v)))
      }
    }
  }
  # model-implied factor correlations: the off-diagonal of the
  # Fornell–Larcker matrix (whose diagonal is the square root of AVE)
  cl <- lavInspect(fit, "cor.lv")
  if (is.list(cl) && !is.matrix(cl)) cl <- cl[[1]]
  corlv <- list(names = rownames(cl), matrix = unname(lapply(seq_len(nrow(cl)), function(i) as.numeric(cl[i, ]))))
  h <- tryCatch(htmt(model, data = data), error = function(e) NULL)
  if (!is.null(h)) ht <- list(names = rownames(h), matrix = unname(lapply(seq_len(nrow(h)), function(i) as.numeric(h[i, ]))))
}
mi <- modindices(fit, sort. = TRUE)
mis <- lapply(seq_len(nrow(mi)), function(i) list(lhs = mi$lhs[i], op = mi$op[i], rhs = mi$rhs[i],
  group = if (is.null(mi$group)) NULL else mi$group[i],
  mi = num(mi$mi[i]), epc = num(mi$epc[i]), sepc_lv = num(mi$sepc.lv[i]), sepc_all = num(mi$sepc.all[i])))
ref <- list(name = a[2], lavaan_version = as.character(packageVersion("lavaan")), call = call,
  model = model, data_file = data_file, nobs = lavInspect(fit, "nobs"), ntotal = lavInspect(fit, "ntotal"),
  converged = lavInspect(fit, "converged"), iterations = lavInspect(fit, "iterations"),
  parameters = params, fit = fitl, r2 = r2, r2_groups = r2_groups, reliability = rel, alpha = alpha,
  htmt = if (is.null(ht)) list(names = list(), matrix = list()) else ht,
  cor_lv = if (is.null(corlv)) list(names = list(), matrix = list()) else corlv, modindices = mis)
write(toJSON(ref, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = TRUE), file.path(out, "reference.json"))
cat("wrote", out, "\n")
