# rsprite2's time to SAMPLES distributions of one case, for sprite_beyond.py:
#     Rscript benches/sprite_rsprite2.R MEAN SD N MIN MAX SAMPLES
# rsprite2 must be installed (from CRAN or its source) where R finds it.
# Prints "seconds found": the elapsed time and how many it returned.
args <- commandArgs(trailingOnly = TRUE)
if (!requireNamespace("rsprite2", quietly = TRUE)) {
  cat("NA NA\n")
  quit(status = 0)
}
digits <- function(x) nchar(sub("^[^.]*\\.?", "", x))
p <- suppressWarnings(rsprite2::set_parameters(
  mean = as.numeric(args[[1]]), sd = as.numeric(args[[2]]), n_obs = as.integer(args[[3]]),
  min_val = as.integer(args[[4]]), max_val = as.integer(args[[5]]),
  m_prec = digits(args[[1]]), sd_prec = digits(args[[2]])
))
elapsed <- system.time(
  found <- suppressWarnings(rsprite2::find_possible_distributions(p, as.integer(args[[6]]), seed = 1))
)[["elapsed"]]
cat(elapsed, nrow(found), "\n")
