bits <- function(x) sprintf("%a", x)
floats <- function(text) as.numeric(strsplit(text, ";", fixed = TRUE)[[1]])

test_that("reround replays scrutiny bit for bit", {
  ref <- reference_table("reround_examples.csv")
  for (i in seq_len(nrow(ref))) {
    row <- ref[i, ]
    run <- function() {
      reround(row$x_literal, as.numeric(row$digits), row$rounding,
        as.numeric(row$threshold), row$symmetric == "TRUE",
        compat = "scrutiny"
      )
    }
    if (startsWith(row$note, "ERROR")) {
      expect_error(run(), class = "ferrox_error")
    } else {
      expect_identical(bits(run()), bits(floats(row$result)), info = paste(row, collapse = " "))
    }
  }
})

test_that("unround replays scrutiny's bounds", {
  ref <- reference_table("unround_examples.csv")
  ref <- ref[!startsWith(ref$note, "ERROR"), ]
  for (i in seq_len(nrow(ref))) {
    row <- ref[i, ]
    got <- unround(row$x, row$rounding, as.numeric(row$threshold), compat = "scrutiny")
    expected <- suppressWarnings(as.numeric(c(row$lower, row$upper)))
    expect_identical(bits(c(got$lower, got$upper)), bits(expected), info = row$x)
    expect_identical(
      c(got$incl_lower, got$incl_upper),
      c(row$incl_lower, row$incl_upper) == "TRUE"
    )
  }
})

test_that("fractions, biases and restored zeros replay scrutiny", {
  ref <- reference_table("rounding_extras.csv")
  for (i in seq_len(nrow(ref))) {
    row <- ref[i, ]
    x <- strsplit(row$x, "|", fixed = TRUE)[[1]]
    if (row$fn == "restore_zeros") {
      width <- if (row$width == "") NULL else as.numeric(row$width)
      expect_identical(restore_zeros(x, width), strsplit(row$result, ";")[[1]])
      next
    }
    expected <- floats(row$result)
    args <- list(
      rounding = row$rounding, threshold = as.numeric(row$threshold),
      symmetric = row$symmetric == "TRUE", compat = "scrutiny"
    )
    if (row$fn == "rounding_bias") {
      values <- do.call(rounding_bias, c(list(x, as.numeric(row$digits), mean = FALSE), args))
      expect_identical(bits(values), bits(expected[-1]))
      mean <- do.call(rounding_bias, c(list(x, as.numeric(row$digits)), args))
      expect_equal(mean, expected[1], tolerance = 1e-6)
    } else {
      got <- do.call(reround_to_fraction, c(
        list(x, as.numeric(row$denominator), as.numeric(row$digits)), args
      ))
      expect_identical(bits(got), bits(expected), info = paste(row, collapse = " "))
    }
  }
})

test_that("exact mode rounds the decimal as written", {
  expect_identical(reround("2.675", 2, rounding = "even"), 2.68)
  expect_identical(reround(2.675, 2, rounding = "even", compat = "scrutiny"), 2.67)
  expect_identical(round_up("1234.5", -2), 1200)
  expect_identical(round_down("-2.5", symmetric = TRUE), -2)
  expect_identical(round_up_from("4.14", 1, threshold = 4), 4.2)
  expect_identical(round_down_from("4.16", 1, threshold = 4), 4.1)
  expect_identical(round_ceiling("4.11", 1), 4.2)
  expect_identical(round_floor("4.19", 1), 4.1)
  expect_identical(round_trunc("-4.19", 1), -4.1)
  expect_identical(round_anti_trunc(2), 2)
  expect_identical(anti_trunc(2, compat = "scrutiny"), 3)
  expect_identical(reround_to_fraction("1.26", 4), c(1.25, 1.25))
  expect_equal(rounding_bias(c("0.5", "1.5", "2.25"), 0, rounding = "down"), -5 / 12)
  expect_identical(grim_ratio_upper("5.14"), 0.99)
})

test_that("missing values stay missing", {
  expect_identical(reround(c(1.25, NA), 1, rounding = "up"), c(1.3, NA))
  expect_identical(restore_zeros(c("1.5", NA, "2")), c("1.5", NA, "2.0"))
  table <- unround(c("0.15", NA))
  expect_identical(table$range, c("0.145 <= x(0.15) <= 0.155", NA))
  expect_identical(table$incl_lower, c(TRUE, NA))
})

test_that("restore_zeros reads scrutiny's separators and warns on one value", {
  expect_identical(restore_zeros(c("4,1", "7"), sep_in = ","), c("4,1", "7,0"))
  expect_identical(restore_zeros(c("4,1", "7"), sep_in = ",", sep_out = "."), c("4.1", "7.0"))
  expect_warning(restore_zeros("0.5"), "width")
  expect_error(restore_zeros(c("2.375", "1"), width = 2), "raise `width`", class = "ferrox_error")
})

test_that("bad input is a clear ferrox_error", {
  expect_error(reround("1.5", 0.5), "digits", class = "ferrox_error")
  expect_error(reround(c("1", "x")), "row 2", class = "ferrox_error")
  expect_error(reround("1.5", rounding = "sideways"), "sideways", class = "ferrox_error")
  expect_error(rounding_bias("1.5", 0, rounding = "up_or_down"), "\"up\" or \"down\"", class = "ferrox_error")
  expect_error(reround_to_fraction("1", 0), "denominator", class = "ferrox_error")
  expect_error(reround(list(1)), "numbers or strings", class = "ferrox_error")
})
