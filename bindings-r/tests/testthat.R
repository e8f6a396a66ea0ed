library(testthat)
library(ferrox)

test_check("ferrox")
