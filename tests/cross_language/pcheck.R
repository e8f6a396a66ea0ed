# Writes ferrox's p check of every APA result in a corpus, options given:
# Rscript pcheck.R INPUT.csv OUTPUT.csv ONE_TAILED P_TRUNCATION
args <- commandArgs(trailingOnly = TRUE)
rows <- utils::read.csv(args[[1]], colClasses = "character", encoding = "UTF-8")
out <- ferrox::p_map(rows,
  one_tailed = args[[3]] == "TRUE", p_truncation = args[[4]] == "TRUE"
)
for (name in c("computed_p", "computed_p_low", "computed_p_high")) {
  out[[name]] <- sprintf("%.17g", out[[name]])
}
utils::write.csv(out, args[[2]], row.names = FALSE, fileEncoding = "UTF-8")
