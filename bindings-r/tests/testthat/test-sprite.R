consistent <- function(row, values, n, mean, sd) {
  x <- rep(values, row)
  length(x) == n && abs(mean(x) - mean) <= 0.05 + 1e-9 && abs(stats::sd(x) - sd) <= 0.05 + 1e-9
}

test_that("uniform draws are reproducible, distinct and consistent", {
  x <- sprite("3.5", "1.2", 50, 1, 7, n_samples = 100, seed = 11)
  expect_s3_class(x, "ferrox_sprite")
  expect_equal(c(x$count, x$possible), c(100, 26428), ignore_attr = TRUE)
  expect_identical(attr(x$possible, "exact"), "26428")
  expect_equal(anyDuplicated(x$frequencies), 0)
  expect_true(all(apply(x$frequencies, 1, consistent, x$values, 50, 3.5, 1.2)))
  expect_identical(x$frequencies, sprite("3.5", "1.2", 50, 1, 7, n_samples = 100, seed = 11)$frequencies)
  expect_false(identical(x$frequencies, sprite("3.5", "1.2", 50, 1, 7, n_samples = 100, seed = 12)$frequencies))
})

test_that("without a seed, R's generator picks one and it is kept", {
  set.seed(1)
  a <- sprite("3.5", "1.2", 50, 1, 7, n_samples = 3)
  set.seed(1)
  expect_identical(a$frequencies, sprite("3.5", "1.2", 50, 1, 7, n_samples = 3)$frequencies)
  expect_identical(a$frequencies, sprite("3.5", "1.2", 50, 1, 7, n_samples = 3, seed = a$seed)$frequencies)
})

test_that("distinct draws of every sample are the CLOSURE set", {
  listed <- closure("3.5", "1.2", 20, 1, 7)
  x <- sprite("3.5", "1.2", 20, 1, 7, n_samples = 1e6, seed = 3)
  expect_equal(x$count, listed$count)
  key <- function(m) sort(apply(m, 1, paste, collapse = ","))
  expect_identical(key(x$frequencies), key(listed$frequencies))
})

test_that("restrictions hold in every sample, with both methods", {
  for (method in c("uniform", "sprite")) {
    x <- sprite("3.5", "1.9", 20, 1, 7,
      restrictions_exact = c("4" = 3), restrictions_minimum = list("2" = 2),
      n_samples = 30, seed = 5, method = method
    )
    expect_gt(x$count, 5)
    expect_true(all(x$frequencies[, "4"] == 3) && all(x$frequencies[, "2"] >= 2))
    ends <- sprite("3.5", "1.2", 50, 1, 7, restrictions_minimum = "range", n_samples = 30, seed = 5, method = method)
    expect_true(all(ends$frequencies[, 1] >= 1) && all(ends$frequencies[, 7] >= 1))
  }
})

test_that("impossible reports are proved impossible", {
  for (method in c("uniform", "sprite")) {
    x <- sprite("5.19", "1.00", 28, 1, 7, method = method)
    expect_equal(c(x$count, x$possible), c(0, 0), ignore_attr = TRUE)
    expect_equal(nrow(as.data.frame(x)), 0)
  }
})

test_that("the heuristic reports its walks", {
  x <- sprite("3.5", "1.2", 50, 1, 7, n_samples = 20, seed = 2, method = "sprite")
  expect_true(is.na(x$possible))
  expect_equal(x$attempts, x$count + x$failures + x$duplicates)
  expect_output(print(x), "walks")
})

test_that("bad arguments are ferrox_error conditions", {
  bad <- list(
    list(method = "random"), list(restrictions_minimum = "ends"),
    list(restrictions_exact = c("8" = 1)), list(restrictions_exact = c(2, 1)),
    list(restrictions_exact = c("2" = -1)), list(n_samples = -1), list(seed = 2^60),
    list(max_iterations = 0), list(n_samples = "ten")
  )
  for (args in bad) {
    expect_error(do.call(sprite, c(list("3.5", "1.2", 50, 1, 7), args)), class = "ferrox_error")
  }
})

test_that("print, summary, as.data.frame and plot work", {
  x <- sprite("3.5", "1.2", 50, 1, 7, n_samples = 6, seed = 1)
  expect_output(print(x), "6 samples of 26428 possible")
  expect_s3_class(summary(x), "data.frame")
  expect_equal(dim(as.data.frame(x)), c(6, 8))
  pdf(NULL)
  expect_no_error(plot(x))
  expect_no_error(plot(sprite("3.5", "1.2", 50, 1, 7, n_samples = 50, seed = 1)))
  dev.off()
})

test_that("cases too large to count are drawn by the chain", {
  expect_error(closure_count("3.21", "1.43", 2000, 1, 7), class = "ferrox_error_too_large")
  x <- sprite("3.21", "1.43", 2000, 1, 7, n_samples = 20, seed = 5)
  expect_identical(x$method, "chain")
  expect_true(is.na(x$possible))
  expect_true(all(apply(x$frequencies, 1, consistent, x$values, 2000, 3.21, 1.43)))
  y <- sprite("3.5", "1.2", 50, 1, 7, n_samples = 30, seed = 3, method = "chain")
  expect_identical(y$method, "chain")
  expect_true(all(apply(y$frequencies, 1, consistent, y$values, 50, 3.5, 1.2)))
  expect_error(sprite("3.50", "1.17", 12, 1, 7, method = "chain"), class = "ferrox_error_unsupported")
})

test_that("drawing reports its progress and gives the same samples without it", {
  shown <- utils::capture.output(
    drawn <- sprite("3.5", "1.2", 40, 1, 7, n_samples = 30, seed = 3, method = "chain", progress = TRUE)
  )
  quiet <- sprite("3.5", "1.2", 40, 1, 7, n_samples = 30, seed = 3, method = "chain", progress = FALSE)
  expect_identical(drawn$frequencies, quiet$frequencies)
  expect_equal(nrow(drawn$frequencies), 30)
  expect_error(sprite("3.5", "1.2", 40, 1, 7, progress = NA), class = "ferrox_error_invalid_input")
})
