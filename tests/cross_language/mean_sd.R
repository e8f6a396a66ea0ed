# Writes ferrox's GRIMMER or DEBIT verdicts for a table:
# Rscript mean_sd.R TEST INPUT.csv ROUNDING MODE OUTPUT.csv
# (TEST: grimmer or debit; MODE: exact or scrutiny).
args <- commandArgs(trailingOnly = TRUE)
rows <- utils::read.csv(args[[2]], colClasses = "character")
rows$n <- as.numeric(rows$n)
compat <- if (args[[4]] == "scrutiny") "scrutiny" else NULL
verdict <- if (args[[1]] == "grimmer") {
  rows$items <- as.numeric(rows$items)
  out <- ferrox::grimmer_map(rows, rounding = args[[3]], compat = compat)
  paste(toupper(out$consistency), out$reason, sep = "|")
} else {
  out <- ferrox::debit_map(rows, rounding = args[[3]], compat = compat)
  ifelse(is.na(out$consistency), "NA", toupper(out$consistency))
}
utils::write.csv(data.frame(verdict = verdict), args[[5]], row.names = FALSE)
