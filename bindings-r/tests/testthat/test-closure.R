test_that("closure_count() and closure() give every published count", {
  ref <- reference_table("closure_counts.csv")
  for (i in seq_len(nrow(ref))) {
    row <- ref[i, ]
    args <- list(
      row$mean, row$sd, as.numeric(row$n), as.numeric(row$scale_min), as.numeric(row$scale_max),
      rounding_error_mean = row$rounding_error_mean, rounding_error_sd = row$rounding_error_sd
    )
    expect_identical(attr(do.call(closure_count, args), "exact"), row$count, label = paste("row", i))
    if (as.numeric(row$count) < 1e5) {
      expect_equal(nrow(do.call(closure, args)$frequencies), as.numeric(row$count))
    }
  }
})

test_that("closure() returns an S3 object with methods", {
  x <- closure("3.5", "1.2", 50, 0, 7, rounding_error_mean = "0.05", rounding_error_sd = "0.005")
  expect_s3_class(x, "ferrox_closure")
  expect_equal(x$count, 7980)
  expect_equal(dim(x$frequencies), c(7980, 8))
  expect_true(all(rowSums(x$frequencies) == 50))
  expect_equal(x$frequencies[1, ], c(4, 1, 2, 4, 39, 0, 0, 0), ignore_attr = TRUE)
  expect_s3_class(summary(x), "data.frame")
  expect_equal(ncol(as.data.frame(x)), 9)
  expect_output(print(x), "7,980 samples")
  pdf(NULL)
  expect_no_error(plot(x))
  dev.off()
})

test_that("each listed sample really has a consistent mean and SD", {
  x <- closure("4", "1.5", 20, 1, 7, rounding_error_mean = "0.05", rounding_error_sd = "0.05")
  for (i in seq_len(nrow(x$frequencies))) {
    sample <- rep(x$values, x$frequencies[i, ])
    expect_true(abs(mean(sample) - 4) <= 0.05 + 1e-9)
    expect_true(abs(stats::sd(sample) - 1.5) <= 0.05 + 1e-9)
  }
  expect_equal(anyDuplicated(x$frequencies), 0)
})

test_that("closure_exists() and limits", {
  expect_false(closure_exists("2.0", "0.5", 3, 1, 3))
  expect_true(closure_exists("3.00", "1.58", 5, 1, 5))
  expect_equal(nrow(closure("3.5", "1.2", 100, 1, 7,
    rounding_error_mean = 0.05, rounding_error_sd = 0.05, stop_after = 10
  )$frequencies), 10)
  expect_error(
    closure("3.5", "1.2", 100, 1, 7, rounding_error_mean = 0.05, rounding_error_sd = 0.05, max_memory_mb = 1),
    class = "ferrox_error"
  )
})

test_that("bad CLOSURE input is a ferrox_error", {
  expect_error(closure_count("3.5", "1.2", 0, 1, 7), class = "ferrox_error")
  expect_error(closure_count("3.5", "1.2", 10, 7, 1), class = "ferrox_error")
  expect_error(closure_count("3.5", "-1.2", 10, 1, 7), class = "ferrox_error")
  expect_error(closure_count("abc", "1.2", 10, 1, 7), class = "ferrox_error")
  expect_error(closure_count("3.5", "1.2", 10, 1.5, 7), class = "ferrox_error")
  expect_error(closure_count("3.5", "1.2", 10, 1, 7, rounding_error_mean = 0.05), class = "ferrox_error")
  expect_equal(as.numeric(closure_count("9.5", "1.2", 10, 1, 7)), 0)
})

test_that("closure_summary() matches the listed samples without listing them", {
  args <- list("4", "1.5", 20, 1, 7, rounding_error_mean = "0.05", rounding_error_sd = "0.05")
  s <- do.call(closure_summary, args)
  x <- do.call(closure, args)
  expect_s3_class(s, "ferrox_closure_summary")
  expect_equal(as.numeric(s$count), x$count)
  expect_equal(s$table$min, unname(apply(x$frequencies, 2, min)))
  expect_equal(s$table$max, unname(apply(x$frequencies, 2, max)))
  expect_equal(s$horns_min$horns, min(x$horns))
  expect_equal(s$horns_max$horns, max(x$horns))
  expect_output(print(s), "samples")
})

test_that("closure_write() streams every sample to a CSV file", {
  file <- tempfile(fileext = ".csv")
  written <- closure_write("3.5", "1.2", 50, 0, 7, file, rounding_error_mean = 0.05, rounding_error_sd = 0.005)
  expect_equal(written, 7980)
  table <- utils::read.csv(file, check.names = FALSE)
  x <- closure("3.5", "1.2", 50, 0, 7, rounding_error_mean = 0.05, rounding_error_sd = 0.005)
  expect_equal(unname(as.matrix(table)), unname(x$frequencies))
  expect_error(closure_write("3.5", "1.2", 50, 0, 7, file.path(tempdir(), "no", "such", "dir.csv")), class = "ferrox_error")
})

test_that("an interrupt stops a long summary within a fraction of a second", {
  pid <- Sys.getpid()
  job <- parallel::mcparallel({
    Sys.sleep(0.5)
    tools::pskill(pid, tools::SIGINT)
  })
  start <- Sys.time()
  expect_error(
    closure_summary("50.5", "20.3", 1000, 0, 100),
    "interrupted",
    class = "ferrox_error"
  )
  expect_lt(as.numeric(difftime(Sys.time(), start, units = "secs")), 2)
  parallel::mccollect(job)
})

test_that("summaries answer where counting cannot", {
  s <- closure_summary("34.2", "8.1", 150, 18, 80)
  expect_true(is.na(s$count))
  expect_named(s$table, c("value", "min", "max", "mean", "mean_error"))
  expect_true(all(s$table$min <= s$table$mean & s$table$mean <= s$table$max))
  expect_equal(sum(s$table$mean), 150)
  expect_true(all(lengths(s$distribution) == 0))
  expect_output(print(s), "too many samples to count, about")
  expect_gt(s$count_estimate$log10, 30)
  expect_true(s$count_estimate$relative_error > 0 && s$count_estimate$relative_error < 0.5)
  exact <- closure_summary("3.5", "1.2", 40, 1, 7)
  expect_true(all(exact$table$mean_error == 0))
  expect_null(exact$count_estimate)
})
