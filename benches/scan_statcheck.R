# statcheck's checkdir() on a folder of papers, timed, with its results per
# file written as CSV (source, results). statcheck is the user's own
# installation (library(statcheck)), or its functions already loaded.
#     Rscript benches/scan_statcheck.R FOLDER OUT.csv
args <- commandArgs(trailingOnly = TRUE)
if (!exists("checkdir")) {
  if (!requireNamespace("statcheck", quietly = TRUE)) {
    stop("statcheck is not installed: install it to compare ferrox with it")
  }
  checkdir <- statcheck::checkdir
}
seconds <- system.time(found <- suppressMessages(checkdir(args[[1]], messages = FALSE)))[["elapsed"]]
counts <- if (is.null(found)) data.frame(source = character(), results = integer()) else
  as.data.frame(table(source = found$source), responseName = "results")
utils::write.csv(counts, args[[2]], row.names = FALSE)
cat(sprintf("statcheck checkdir: %d results in %.1f s\n", sum(counts$results), seconds))
