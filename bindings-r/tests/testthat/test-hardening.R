test_that("errors carry their kind as a condition class", {
  expect_error(grim("5.19", 0), class = "ferrox_error_invalid_input")
  expect_error(
    closure_count("5", "3", 4e9, 0, 10),
    class = "ferrox_error_too_large"
  )
  expect_error(
    sprite("3.21", "1.43", 5e7, 1, 7, n_samples = 2, seed = 1),
    class = "ferrox_error_too_large"
  )
  expect_error(
    matrix_power(matrix(c(1, 2, 2, 4), 2), -1),
    class = "ferrox_error_singular"
  )
  err <- tryCatch(grim("5.19", 0), error = identity)
  expect_s3_class(err, "ferrox_error")
})

test_that("scrutiny's GRIMMER ends on a huge n", {
  expect_error(
    grimmer("3", "1.000000000000", 1e15, compat = "scrutiny"),
    class = "ferrox_error_too_large"
  )
  expect_true(grimmer("3", "1", 1e7, compat = "scrutiny"))
})

test_that("one limit on n: below 2^53", {
  expect_error(grim("5.19", 2^53), class = "ferrox_error_invalid_input")
  expect_error(debit("0.5", "0.5", 2^53), class = "ferrox_error_invalid_input")
  expect_true(debit("0.5", "0.5", 2^53 - 1))
})

test_that("NA settings are ferrox errors", {
  expect_error(
    sprite("3.5", "1.2", 50, 1, 7, n_samples = NA),
    class = "ferrox_error_invalid_input"
  )
  expect_error(
    closure_count("3.5", "1.2", NA, 1, 7),
    class = "ferrox_error_invalid_input"
  )
})

test_that("the default seed has 53 random bits, as in Python", {
  set.seed(1)
  seeds <- vapply(1:20, function(i) sprite("3.5", "1.2", 50, 1, 7, n_samples = 1)$seed, 0)
  expect_true(all(seeds == floor(seeds) & seeds < 2^53))
  expect_gt(max(seeds), 2^40)
})

test_that("empty results plot", {
  path <- tempfile(fileext = ".pdf")
  grDevices::pdf(path)
  on.exit({
    grDevices::dev.off()
    unlink(path)
  })
  expect_invisible(plot(sprite("5.19", "1.00", 28, 1, 7, seed = 1)))
  expect_invisible(plot(closure("2.0", "0.5", 3, 1, 3)))
})

test_that("stop_after is a whole number of at least 0", {
  expect_error(
    closure("3.5", "0.5", 12, 1, 5, stop_after = -5),
    class = "ferrox_error_invalid_input"
  )
  first <- closure("3.5", "1.2", 50, 0, 7,
    rounding_error_mean = 0.05, rounding_error_sd = 0.005, stop_after = 3
  )
  expect_equal(nrow(first$frequencies), 3)
})

test_that("integer wrapping never lands on NA silently", {
  a <- matrix(c(0L, 32768L, 65536L, 0L), 2)
  expect_error(matrix_power(a, 2, overflow = "wrap"), class = "ferrox_error_unsupported")
  expect_error(matrix_power(a, 2), class = "ferrox_error_integer_overflow")
  expect_equal(matrix_power(matrix(c(1L, 1L, 1L, 0L), 2), 10), matrix(c(89L, 55L, 55L, 34L), 2))
})

test_that("audit reads verdicts by the same rule as Python", {
  strings <- data.frame(consistency = c("False", "False", "True"), probability = 0.5)
  expect_equal(audit(strings)$incons_cases, 2)
  ones <- data.frame(consistency = c(1, 0, 1))
  expect_equal(unlist(audit(ones)[c("incons_cases", "na_cases")]), c(incons_cases = 1, na_cases = 0))
  expect_error(audit(data.frame(consistency = c("TRUE", "maybe"))), class = "ferrox_error_invalid_input")
})

test_that("split_by_parens needs two different suffixes", {
  table <- data.frame(cell = "5.20 (1.43)")
  expect_error(split_by_parens(table, "cell", end1 = "a", end2 = "a"), "suffixes", class = "ferrox_error")
  expect_error(split_by_parens(table, "cell", end1 = c("a", "b")), class = "ferrox_error")
})
