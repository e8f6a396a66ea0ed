test_that("sd_bounds agrees with rsprite2's boundary_test", {
  ref <- reference_table("sd_bounds_rsprite2.csv")
  for (col in c("n", "items", "scale_min", "scale_max")) ref[[col]] <- as.numeric(ref[[col]])
  out <- sd_bounds_map(ref, "scale_min", "scale_max")
  expect_identical(out$consistency, ref$consistency == "TRUE")
  ranged <- !is.na(ref$sd_min)
  step <- 10^-nchar(sub("^[^.]*\\.", "", ref$sd[ranged]))
  # rsprite2 rounds the least SD half down and the greatest half up.
  expect_true(all(abs(out$sd_min[ranged] - as.numeric(ref$sd_min[ranged])) <= step / 2 + 1e-12))
  expect_true(all(abs(out$sd_max[ranged] - as.numeric(ref$sd_max[ranged])) <= step / 2 + 1e-12))
})

test_that("sd_bounds gives bounds alone, and NaN for an impossible mean", {
  out <- sd_bounds(c("4.00", "5.19"), c(20, 28), 1, 7)
  expect_named(out, c("x", "n", "sd_min", "sd_max"))
  expect_identical(out$sd_min[1], 0)
  expect_equal(out$sd_max[1], 3.0779350562554623, tolerance = 1e-15)
  expect_true(is.nan(out$sd_max[2]))
  expect_identical(sd_bounds("5.19", 28, 1, 7, sd = "1.0")$consistency, FALSE)
})

test_that("sd_bounds_map reads items and leaves out consistency without SDs", {
  out <- sd_bounds_map(data.frame(x = "3.25", sd = "0.10", n = 10, items = 4), 1, 5)
  expect_identical(out$consistency, TRUE)
  expect_false("consistency" %in% names(sd_bounds_map(data.frame(x = "3.2", n = 10), 1, 5)))
  expect_error(sd_bounds_map(data.frame(x = "3.2", n = 10), 1, 5, sd = "s"), "no column", class = "ferrox_error")
})

test_that("bad input is a clear ferrox_error", {
  expect_error(sd_bounds("3.1", 1, 1, 5), "at least 2", class = "ferrox_error")
  expect_error(sd_bounds("3.1", 10, 5, 1), "least value first", class = "ferrox_error")
  expect_error(sd_bounds(c("3.1", "x"), 10, 1, 5), "row 2", class = "ferrox_error")
  expect_error(sd_bounds("5", 2^50, 0, 1e6), class = "ferrox_error_too_large")
})
