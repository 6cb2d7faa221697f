# Times lavaan on every reference case: sem() + fitMeasures() +
# standardizedSolution() + modindices() (and semTools reliability where
# semlab computes it), median of several runs. Prints JSON: case -> ms.
# Usage: Rscript scripts/bench_lavaan.R FIXTURES_DIR [REPS]
suppressMessages({ library(lavaan); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
root <- args[1]
reps <- if (length(args) > 1) as.integer(args[2]) else 20L
out <- list()
for (set in c("lavaan", "lavaan-advanced")) {
  for (dir in sort(list.dirs(file.path(root, set), recursive = FALSE))) {
    ref <- fromJSON(file.path(dir, "reference.json"), simplifyVector = FALSE)
    model <- paste(readLines(file.path(dir, "model.lav")), collapse = "\n")
    data <- read.csv(file.path(dir, ref$data_file))
    call <- ref$call
    if (length(call) == 0) call <- list()
    if (!is.null(call$ordered)) call$ordered <- unlist(call$ordered)
    run <- function() {
      fit <- do.call("sem", c(list(model = model, data = data), call))
      fitMeasures(fit)
      standardizedSolution(fit)
      modindices(fit)
      invisible(fit)
    }
    ok <- tryCatch({ suppressWarnings(run()); TRUE }, error = function(e) FALSE)
    if (!ok) next
    times <- numeric(reps)
    for (i in seq_len(reps)) {
      t0 <- proc.time()[["elapsed"]]
      suppressWarnings(run())
      times[i] <- (proc.time()[["elapsed"]] - t0) * 1000
    }
    out[[basename(dir)]] <- median(times)
  }
}
cat(toJSON(out, auto_unbox = TRUE, digits = 6), "\n")
