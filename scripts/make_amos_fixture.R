# Writes tests/fixtures/amos/<name>.json: lavaan 0.6's fitMeasures() of a
# fixture's model, the independence model's RMR/GFI/AGFI/PGFI (lavaan fits
# it with lav_object_independence(); it does not report them), and the
# measures only AMOS prints (PRATIO, PCFI, NCP, F0, BCC, CAIC, MECVI, ECVI
# interval), computed here from AMOS User's Guide Appendix C with lavaan's
# sample-size convention (n = N, as lavaan's chi-square = N * F_ML).
# With groups (the fixture's call has `group`): each group's N_g in BCC, no
# BIC or CAIC (AMOS prints them for one group only).
# Usage: Rscript scripts/make_amos_fixture.R FIXTURE_DIR...
suppressMessages({ library(lavaan); library(jsonlite) })
for (dir in commandArgs(trailingOnly = TRUE)) {
  name <- basename(dir)
  ref <- fromJSON(file.path(dir, "reference.json"))
  data <- read.csv(file.path(dir, ref$data_file))
  model <- paste(readLines(file.path(dir, "model.lav")), collapse = "\n")
  call <- if (length(ref$call) > 0) ref$call else list()
  fit <- do.call("sem", c(list(model = model, data = data), call))
  fm <- fitMeasures(fit)
  base <- lavaan:::lav_object_independence(fit)
  bm <- fitMeasures(base, c("rmr", "gfi", "agfi", "pgfi"))
  N <- fm[["ntotal"]]; q <- fm[["npar"]]; C <- fm[["chisq"]]; d <- fm[["df"]]
  C0 <- fm[["baseline.chisq"]]; d0 <- fm[["baseline.df"]]
  q_sat <- q + d; q0 <- q_sat - d0
  p <- length(lavNames(fit, "ov"))
  # BCC penalty factor: sum_g b_g p(p+3)/(N_g - p - 2) / (G p(p+3)) with
  # AMOS's b_g = n N_g / N = N_g (n = N); one group: N / (N - p - 2)
  ng <- lavInspect(fit, "nobs"); G <- length(ng)
  k <- sum(ng * p * (p + 3) / (ng - p - 2)) / (G * p * (p + 3))
  # AMOS prints BIC and CAIC for one group only
  one_group <- function(x) if (G == 1) x else NULL
  ncp_ci <- function(x2, df) {
    lo <- if (pchisq(x2, df) < 0.95) 0 else uniroot(function(l) pchisq(x2, df, l) - 0.95, c(0, x2))$root
    up_end <- max(N, 4 * x2)
    hi <- if (pchisq(x2, df) < 0.05 || pchisq(x2, df, up_end) > 0.05) 0 else
      uniroot(function(l) pchisq(x2, df, l) - 0.05, c(0, up_end))$root
    c(lo, hi)
  }
  row <- function(x2, df, qq) {
    ci <- ncp_ci(x2, df)
    Filter(Negate(is.null), list(npar = qq, cmin = x2, df = df,
         ncp = max(x2 - df, 0), ncp_lo = ci[1], ncp_hi = ci[2],
         fmin = x2 / N, f0 = max(x2 - df, 0) / N, f0_lo = ci[1] / N, f0_hi = ci[2] / N,
         aic = x2 + 2 * qq, bcc = x2 + 2 * qq * k, bic = one_group(x2 + qq * log(N)),
         caic = one_group(x2 + qq * (log(N) + 1)), ecvi = (x2 + 2 * qq) / N,
         ecvi_lo = (ci[1] + df + 2 * qq) / N, ecvi_hi = (ci[2] + df + 2 * qq) / N,
         mecvi = (x2 + 2 * qq * k) / N))
  }
  def <- row(C, d, q)
  def$pratio <- d / d0; def$pcfi <- d / d0 * fm[["cfi"]]
  sat <- Filter(Negate(is.null), list(npar = q_sat, aic = 2 * q_sat, bcc = 2 * q_sat * k, bic = one_group(q_sat * log(N)),
              caic = one_group(q_sat * (log(N) + 1)), ecvi = 2 * q_sat / N, mecvi = 2 * q_sat * k / N))
  ind <- row(C0, d0, q0)
  out <- list(name = name, lavaan_version = as.character(packageVersion("lavaan")),
              fit = as.list(fm), baseline = as.list(bm),
              amos = list(default = def, saturated = sat, independence = ind))
  writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE),
             file.path("tests/fixtures/amos", paste0(name, ".json")))
}
