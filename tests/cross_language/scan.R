# Writes ferrox's scan of a paper or folder as CSV: Rscript scan.R PATH OUT.csv
args <- commandArgs(trailingOnly = TRUE)
rows <- as.data.frame(unclass(ferrox::scan_paper(args[[1]])))
utils::write.csv(rows, args[[2]], row.names = FALSE, na = "", fileEncoding = "UTF-8")
