# Writes ferrox's SPRITE samples for every case of a table, one row per
# sample: Rscript sprite.R CASES.csv OUTPUT.csv
args <- commandArgs(trailingOnly = TRUE)
cases <- utils::read.csv(args[[1]], colClasses = "character")
counts <- function(text) {
  if (!nzchar(text) || text == "range") {
    return(if (text == "range") "range" else NULL)
  }
  pairs <- strsplit(strsplit(text, ";")[[1]], "=")
  stats::setNames(as.numeric(vapply(pairs, `[`, "", 2)), vapply(pairs, `[`, "", 1))
}
explicit <- function(x) if (nzchar(x)) x else NULL
rows <- lapply(seq_len(nrow(cases)), function(i) {
  case <- cases[i, ]
  drawn <- ferrox::sprite(case$mean, case$sd, as.numeric(case$n), as.numeric(case$scale_min),
    as.numeric(case$scale_max),
    items = as.numeric(case$items), restrictions_exact = counts(case$exact),
    restrictions_minimum = counts(case$minimum), n_samples = as.numeric(case$n_samples),
    seed = as.numeric(case$seed), method = case$method, replace = case$replace == "true",
    rounding_error_mean = explicit(case$error_mean), rounding_error_sd = explicit(case$error_sd)
  )
  sample <- apply(drawn$frequencies, 1, paste, collapse = " ")
  data.frame(case = rep(i - 1, length(sample)), sample = as.character(sample))
})
utils::write.csv(do.call(rbind, rows), args[[2]], row.names = FALSE)
