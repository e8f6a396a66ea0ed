# statcheck's verdicts on ferrox's own test corpus (apa_corpus.csv), for
# the differential test of the p check: testdata/reference/statcheck_corpus.csv.
# statcheck (GPL) is not part of ferrox: have it installed, or define a
# `statcheck` function before sourcing this. Run from the repository root:
#   Rscript tools/reference/statcheck_corpus.R
# Columns: id (the corpus row), and statcheck's test_type, computed_p,
# error and decision_error; rows statcheck does not read are absent.
if (!exists("statcheck", mode = "function")) {
  if (!requireNamespace("statcheck", quietly = TRUE)) {
    stop("statcheck is not installed")
  }
  statcheck <- statcheck::statcheck
}
corpus <- utils::read.csv("testdata/reference/apa_corpus.csv",
  colClasses = "character", encoding = "UTF-8"
)
texts <- paste0("The result was ", corpus$result, ".")
names(texts) <- corpus$id
found <- statcheck(texts, messages = FALSE)
out <- data.frame(
  id = found$source,
  test_type = found$test_type,
  computed_p = sprintf("%.17g", found$computed_p),
  error = found$error,
  decision_error = found$decision_error
)
utils::write.csv(out, "testdata/reference/statcheck_corpus.csv", row.names = FALSE, quote = FALSE)
cat(nrow(out), "of", nrow(corpus), "results read by statcheck\n")
