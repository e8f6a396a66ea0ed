# Writes ferrox's GRIM verdict for every row of a reference table:
# Rscript grim.R INPUT.csv MODE OUTPUT.csv (MODE: exact or scrutiny).
args <- commandArgs(trailingOnly = TRUE)
rows <- utils::read.csv(args[[1]], colClasses = "character")
compat <- if (args[[2]] == "scrutiny") "scrutiny" else NULL
verdict <- vapply(seq_len(nrow(rows)), function(i) {
  row <- rows[i, ]
  tryCatch(
    as.character(ferrox::grim(row$x, as.numeric(row$n),
      items = as.numeric(row$items), percent = row$percent == "TRUE",
      rounding = row$rounding, threshold = as.numeric(row$threshold),
      symmetric = row$symmetric == "TRUE", compat = compat
    )),
    ferrox_error = function(e) "ERROR"
  )
}, character(1))
utils::write.csv(data.frame(verdict = verdict), args[[3]], row.names = FALSE)
