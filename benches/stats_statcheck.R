# statcheck's time on a text file of APA results, for benches/stats_python.py:
#   Rscript benches/stats_statcheck.R TEXT.txt
# Prints "<seconds> <results found>". statcheck (GPL) is not part of ferrox:
# it must be installed, or defined before this runs (e.g. from an R profile);
# without it this prints "statcheck is not installed" and exits with 3.
if (!exists("statcheck", mode = "function")) {
  if (!requireNamespace("statcheck", quietly = TRUE)) {
    cat("statcheck is not installed\n")
    quit(status = 3)
  }
  statcheck <- statcheck::statcheck
}
path <- commandArgs(trailingOnly = TRUE)[[1]]
text <- paste(readLines(path, encoding = "UTF-8", warn = FALSE), collapse = "\n")
seconds <- system.time(found <- statcheck(text, messages = FALSE))[["elapsed"]]
cat(seconds, nrow(found), "\n")
