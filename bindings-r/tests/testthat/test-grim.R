test_that("grim() gives scrutiny's documented examples", {
  expect_false(grim("5.19", 28))
  expect_true(grim("5.19", 32))
  expect_true(grim("2.84", 16, items = 2))
  expect_false(grim("71", 43, percent = TRUE))
  expect_equal(grim(c("5.19", "5.19"), c(28, 32)), c(FALSE, TRUE))
})

test_that("grim() matches every row of scrutiny's reference table in compat mode", {
  ref <- reference_table("grim_examples.csv")
  failing <- startsWith(ref$note, "ERROR")
  for (i in seq_len(nrow(ref))) {
    row <- ref[i, ]
    run <- function() {
      grim(row$x, as.numeric(row$n),
        items = as.numeric(row$items), percent = row$percent == "TRUE",
        rounding = row$rounding, threshold = as.numeric(row$threshold),
        symmetric = row$symmetric == "TRUE", compat = "scrutiny"
      )
    }
    if (failing[i]) {
      expect_error(run(), class = "ferrox_error")
    } else {
      expect_identical(run(), row$consistency == "TRUE", label = paste("row", i))
    }
  }
})

test_that("trailing zeros count, and numbers warn", {
  expect_false(grim("3.20", 18))
  expect_warning(grim(5.19, 28), "trailing zeros")
})

test_that("bad input is a ferrox_error", {
  expect_error(grim("", 28), class = "ferrox_error")
  expect_error(grim("abc", 28), class = "ferrox_error")
  expect_error(grim("5.19", 0), class = "ferrox_error")
  expect_error(grim("5.19", -3), class = "ferrox_error")
  expect_error(grim("5.19", NaN), class = "ferrox_error")
  expect_error(grim("5.19", NA), class = "ferrox_error")
  expect_error(grim(NA_character_, 28), class = "ferrox_error")
  expect_error(grim("5.19", 28, items = 0), class = "ferrox_error")
  expect_error(grim("5.19", 28, rounding = "nope"), class = "ferrox_error")
  expect_error(grim("5.19", 28, rounding = "up_from", threshold = 5), class = "ferrox_error")
  expect_error(grim(c("5.19", "1.2", "3.1"), c(28, 30)), class = "ferrox_error")
  expect_error(grim("5.19", "28"), class = "ferrox_error")
})

test_that("grim_map() adds consistency and probability", {
  df <- data.frame(x = c("5.19", "5.19", "3.20"), n = c(28, 32, 18), study = c("a", "b", "c"))
  out <- grim_map(df)
  expect_s3_class(out, "data.frame")
  expect_equal(out$consistency, c(FALSE, TRUE, FALSE))
  expect_equal(out$probability, c(0.72, 0.68, 0.82))
  expect_equal(out$study, df$study)
  expect_error(grim_map(df, x = "mean"), class = "ferrox_error")
  expect_error(grim_map(list(x = "1")), class = "ferrox_error")
})

test_that("settings of the wrong type are a ferrox_error", {
  expect_error(grim("5.19", 28, percent = "yes"), class = "ferrox_error")
  expect_error(grim("5.19", 28, rounding = 1), class = "ferrox_error")
  expect_error(grim("5.19", 28, compat = "spss"), class = "ferrox_error")
  expect_error(grim("5.19", 28, threshold = "5"), class = "ferrox_error")
})

test_that("GRIM statistics follow scrutiny's definitions", {
  expect_identical(grim_total("83.29", 21), 79)
  expect_identical(grim_total(c("83.29", "5.1"), c(21, 83)), c(79, -73))
  expect_equal(grim_ratio("5.1", 83), -7.3)
  expect_equal(grim_probability("5.1", 83), 0)
  expect_equal(grim_probability("5.14", 83), 0.17)
  expect_equal(grim_probability("71", 43, percent = TRUE), 0.57)
  expect_equal(grim_granularity(c(10, 20), items = 2), c(0.05, 0.025))
  expect_equal(grim_items(20, 0.025), 2)
  expect_warning(grim_items(20, 0.03), "whole numbers")
  expect_error(grim_total("5.1", 0), class = "ferrox_error")
  expect_error(grim_granularity(0), "whole numbers of at least 1", class = "ferrox_error")
  expect_error(grim_items(20, -1), "positive numbers", class = "ferrox_error")
  expect_error(grim_items(1:3, c(0.1, 0.2)), "give 1 or 3", class = "ferrox_error")
  expect_equal(grim_granularity(20, integer(0)), numeric(0))
})

test_that("decimal_places() counts decimals as written", {
  expect_identical(decimal_places(c("2.80", "9.0", "37", NA)), c(2L, 1L, 0L, NA))
  expect_warning(expect_identical(decimal_places(c(5.20, NA)), c(1L, NA)), "trailing zeros")
  expect_error(decimal_places("abc"), class = "ferrox_error")
})

test_that("grim_plot draws the raster and returns the tested cases", {
  path <- tempfile(fileext = ".png")
  grDevices::png(path)
  tested <- grim_plot(data.frame(x = c("5.19", "5.18", "3.27"), n = c(28, 28, 33)))
  grim_plot(digits = 1, n_max = 10)
  expect_error(grim_plot(digits = 4, n_max = 1000), "too large", class = "ferrox_error")
  grDevices::dev.off()
  expect_identical(tested$consistency, c(FALSE, TRUE, TRUE))
  expect_gt(file.size(path), 1000)
})
