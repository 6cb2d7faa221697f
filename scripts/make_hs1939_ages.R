# Writes Holzinger & Swineford (1939) (lavaan's HolzingerSwineford1939, all
# 301 pupils in their original order) with a three-level group column
# `age_band` from `ageyr`: "12 or younger" (109), "13" (110),
# "14 or older" (82) — the three-group fixtures' data.
# Usage: Rscript scripts/make_hs1939_ages.R OUT_CSV
suppressMessages(library(lavaan))
a <- commandArgs(trailingOnly = TRUE)
d <- HolzingerSwineford1939
band <- ifelse(d$ageyr <= 12, "12 or younger", ifelse(d$ageyr == 13, "13", "14 or older"))
out <- data.frame(age_band = band, d[, paste0("x", 1:9)])
write.csv(out, a[1], row.names = FALSE)
cat("wrote", a[1], "\n")
