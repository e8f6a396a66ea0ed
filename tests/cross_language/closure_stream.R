# Streams one CLOSURE case three ways for the cross-language test:
# Rscript closure_stream.R WRITTEN.csv BATCHES.csv DISTRIBUTION.csv
# closure_write() to the first file, closure_batches() rows to the second,
# closure_summary()'s distribution (value, occurrences, samples) to the third.
args <- commandArgs(trailingOnly = TRUE)
case <- list("3.5", "1.2", 50, 0, 7)
errors <- list(rounding_error_mean = "0.05", rounding_error_sd = "0.005")
do.call(ferrox::closure_write, c(case, list(args[[1]]), errors))
rows <- list()
do.call(ferrox::closure_batches, c(case, list(function(batch) rows[[length(rows) + 1]] <<- batch),
  errors, list(batch_size = 3000)))
utils::write.csv(do.call(rbind, rows), args[[2]], row.names = FALSE)
s <- do.call(ferrox::closure_summary, c(case, errors))
lines <- unlist(lapply(seq_along(s$distribution), function(j) {
  d <- s$distribution[[j]]
  sprintf("%s,%d,%s", format(s$table$value[j]), seq_along(d) - 1, format(d, scientific = FALSE, trim = TRUE))
}))
writeLines(c("value,occurrences,samples", lines), args[[3]])
