# Writes lavaan references for `semlab explore` beside the shared ones
# (../shared/reference-explore): the EFA's fit for 1..K factors and the
# standardized loadings in several rotations, KMO/MSA and Bartlett by their
# textbook formulas (study-methods.md §3), the eigenvalues.
# Usage: Rscript scripts/make_explore_fixture.R OUT_DIR NAME DATA_CSV K [ROTATIONS]
#   ROTATIONS: comma-separated, default geomin,oblimin,promax,varimax,quartimin
# With DATA_CSV = "simulate25" a 25-item, 5-factor data set (n = 500,
# seed 20240601) is simulated by lavaan::simulateData and written.
suppressMessages({ library(lavaan); library(jsonlite) })
a <- commandArgs(trailingOnly = TRUE)
out <- file.path(a[1], a[2]); dir.create(out, showWarnings = FALSE, recursive = TRUE)
K <- as.integer(a[4])
rots <- if (length(a) >= 5) strsplit(a[5], ",")[[1]] else c("geomin", "oblimin", "promax", "varimax", "quartimin")
if (a[3] == "simulate25") {
  pop <- paste(sapply(1:5, function(f) {
    l <- c(0.75, 0.7, 0.65, 0.6, 0.55)
    paste0("F", f, " =~ ", paste0(l, "*i", (f - 1) * 5 + 1:5, collapse = " + "))
  }), collapse = "\n")
  pop <- paste(pop, "F1 ~~ 0.3*F2\nF3 ~~ 0.2*F4\nF2 ~~ 0.25*F5\ni6 ~ 0.3*F1", sep = "\n")
  set.seed(20240601)
  data <- simulateData(pop, sample.nobs = 500, standardized = TRUE)
  data <- round(data, 4)
} else {
  data <- read.csv(a[3])
}
data_file <- paste0(a[2], ".csv")
write.csv(data, file.path(out, data_file), row.names = FALSE)
x <- data[complete.cases(data), , drop = FALSE]
R <- cor(x); Ri <- solve(R); p <- ncol(R); n <- nrow(x)
A <- -Ri / sqrt(outer(diag(Ri), diag(Ri))); diag(A) <- 0
R0 <- R; diag(R0) <- 0
msa <- colSums(R0^2) / (colSums(R0^2) + colSums(A^2))
kmo <- sum(R0^2) / (sum(R0^2) + sum(A^2))
bart <- -(n - 1 - (2 * p + 5) / 6) * log(det(R))
fits <- efa(data = x, nfactors = 1:K)
fm <- fitMeasures(fits, c("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "srmr", "aic", "bic"))
fit <- lapply(1:K, function(k) c(list(nfactors = k), as.list(fm[, k])))
load <- list()
for (r in rots) {
  e <- efa(data = x, nfactors = K, rotation = r)
  if (inherits(e, "efaList")) e <- e[[1]]
  L <- unclass(lavInspect(e, "std")$lambda)
  phi <- unclass(lavInspect(e, "std")$psi)
  load[[r]] <- list(matrix = unname(lapply(seq_len(nrow(L)), function(i) as.numeric(L[i, ]))),
                    phi = unname(lapply(seq_len(nrow(phi)), function(i) as.numeric(phi[i, ]))))
}
res <- list(name = a[2], data_file = data_file, items = names(x), nobs = n,
            kmo = list(overall = kmo, items = as.list(msa)),
            bartlett = list(chisq = bart, df = p * (p - 1) / 2,
                            pvalue = pchisq(bart, p * (p - 1) / 2, lower.tail = FALSE)),
            eigenvalues = eigen(R, only.values = TRUE)$values,
            harman_percent = 100 * eigen(R, only.values = TRUE)$values[1] / p,
            efa = list(fit = fit, loadings = load),
            lavaan_version = as.character(packageVersion("lavaan")))
writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(out, "explore.json"))
