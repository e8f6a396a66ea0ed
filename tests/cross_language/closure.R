# Writes ferrox's CLOSURE count for every row of a reference table:
# Rscript closure.R INPUT.csv OUTPUT.csv
args <- commandArgs(trailingOnly = TRUE)
rows <- utils::read.csv(args[[1]], colClasses = "character")
count <- vapply(seq_len(nrow(rows)), function(i) {
  row <- rows[i, ]
  attr(ferrox::closure_count(row$mean, row$sd, as.numeric(row$n), as.numeric(row$scale_min),
    as.numeric(row$scale_max),
    rounding_error_mean = row$rounding_error_mean, rounding_error_sd = row$rounding_error_sd
  ), "exact")
}, character(1))
utils::write.csv(data.frame(count = count), args[[2]], row.names = FALSE)
