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
