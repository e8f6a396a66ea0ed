test_that("scan_paper finds and checks results, means and percentages in text", {
  text <- paste(
    "Participants (N = 28) rated it M = 5.19, SD = 1.20.",
    "It differed, t(27) = 2.20, p = .36. Of them, 12 of 28 (43.9%) agreed."
  )
  x <- scan_paper(text)
  expect_s3_class(x, "ferrox_scan")
  expect_equal(x$test, c("GRIMMER", "p-value", "percent"))
  expect_equal(x$verdict, c("inconsistent", "decision error", "inconsistent"))
  expect_equal(x$n, c(28, NA, 28))
  expect_equal(x$consistent_values[3], "42.9%")
  expect_identical(x$consistent, c(FALSE, FALSE, FALSE))
})

test_that("a guessed n is reported as such", {
  x <- scan_paper("Overall N = 30 took part. Ratings were moderate (M = 3.48, SD = 1.20).")
  expect_equal(x$confidence, "guessed")
  expect_equal(x$verdict, "inconsistent (guessed n)")
  expect_match(x$n_source, "total N")
})

test_that("files of every kind and folders are read, bad files become rows", {
  dir <- file.path(tempfile(), "papers")
  dir.create(file.path(dir, "sub"), recursive = TRUE)
  writeLines(
    c("<html><body><nav>Menu t(9) = 9.99, p = .9</nav>",
      "<table><caption>Table 1. 1-5 scale</caption>",
      "<tr><th>Measure</th><th>Control (n = 20)</th></tr>",
      "<tr><td>Trust</td><td>3.47 (0.90)</td></tr></table></body></html>"),
    file.path(dir, "a.html")
  )
  writeBin(charToRaw("%PDF-1.4 broken"), file.path(dir, "sub", "b.pdf"))
  x <- scan_paper(dir)
  expect_equal(nrow(x), 3)
  expect_equal(x$test, c("GRIMMER", "CLOSURE", ""))
  expect_equal(x$n_source[1], "the column header")
  expect_equal(x$scale[2], "1-5")
  expect_match(x$error[3], "cannot read this PDF")
  expect_output(print(x), "ferrox scan: 2 finding")
  expect_equal(sum(summary(x)), 2)
  page <- scan_report(dir, tempfile(fileext = ".html"), title = "Papers")
  html <- paste(readLines(page, encoding = "UTF-8"), collapse = "\n")
  expect_match(html, "<title>Papers</title>", fixed = TRUE)
  expect_match(html, "Could not be read", fixed = TRUE)
})

test_that("signs and quotes in publishers' symbol fonts are read", {
  x <- scan_paper(testdata_file("publisher", "fonts.pdf"))
  expect_equal(
    x$found,
    c("t(28) = \u22122.20, p < .05", "F(1, 40) = 2.10, p < .05", "t(37) = 4.93, p < .001")
  )
  expect_equal(x$verdict, c("consistent", "decision error", "consistent"))
  expect_equal(x$snippet[3], "Results are quoted as \u201ct(37) = 4.93, p < .001\u201d.")
})

test_that("one-tailed tests count where the paper speaks of them", {
  results <- "Training helped, t(36) = 1.78, p < .05, and practice did not, t(36) = 0.78, p < .05."
  stated <- scan_paper(paste("All tests were one-sided.", results))
  expect_equal(stated$verdict, c("consistent (one-tailed)", "decision error"))
  unstated <- scan_paper(results)
  expect_equal(unstated$verdict, c("decision error", "decision error"))
  expect_match(unstated$reason[1], "consistent if the test was one-tailed$")
})

test_that("unreadable input is a ferrox_error", {
  expect_error(scan_paper(as.raw(0:255)), "not PDF, HTML, DOCX", class = "ferrox_error")
  expect_error(scan_paper(charToRaw("%PDF-1.4 broken")), "cannot read this PDF", class = "ferrox_error")
  expect_error(scan_paper(42), "must be paths", class = "ferrox_error")
  expect_error(scan_report("no/such/file", tempfile()), "must be paths", class = "ferrox_error")
  expect_equal(nrow(scan_paper(raw(0))), 0)
})
