# Test data lives once, in testdata/ at the top of the repository; a staged
# package carries its own copy under tests/testthat/<folder>.
testdata_file <- function(folder, name) {
  candidates <- c(
    test_path(folder, name),
    test_path("..", "..", "..", "testdata", folder, name)
  )
  found <- candidates[file.exists(candidates)]
  if (length(found) == 0) {
    stop(name, " not found in ", paste(candidates, collapse = ", "))
  }
  found[[1]]
}

reference_table <- function(name) {
  utils::read.csv(testdata_file("reference", name), colClasses = "character")
}
