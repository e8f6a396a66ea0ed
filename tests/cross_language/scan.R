# Writes ferrox's scan of the papers folder as CSV: Rscript scan.R PAPERS OUT.csv
args <- commandArgs(trailingOnly = TRUE)
rows <- as.data.frame(unclass(ferrox::scan_paper(args[[1]])))
utils::write.csv(rows, args[[2]], row.names = FALSE, na = "", fileEncoding = "UTF-8")
