test_that("errors carry their kind as a condition class", {
  expect_error(grim("5.19", 0), class = "ferrox_error_invalid_input")
  expect_error(
    closure_count("5", "3", 4e9, 0, 10),
    class = "ferrox_error_too_large"
  )
  expect_error(
    sprite("34.2", "8.1", 150, 18, 80, n_samples = 2, seed = 1),
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
