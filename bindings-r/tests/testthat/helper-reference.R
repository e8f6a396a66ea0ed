# The reference tables live once, at the top of the repository; a staged
# package carries its own copy under tests/testthat/reference.
reference_table <- function(name) {
  candidates <- c(
    test_path("reference", name),
    test_path("..", "..", "..", "testdata", "reference", name)
  )
  found <- candidates[file.exists(candidates)]
  if (length(found) == 0) {
    stop("reference table ", name, " not found in ", paste(candidates, collapse = ", "))
  }
  utils::read.csv(found[[1]], colClasses = "character")
}
