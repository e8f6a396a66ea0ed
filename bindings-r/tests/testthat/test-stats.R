test_that("check_p() reads a whole result or its parts, with the same verdict", {
  whole <- check_p("t(28) = 2.20, p = .03")
  parts <- check_p(test = "t", value = "2.20", p = ".03", df1 = 28)
  expect_identical(whole, parts)
  expect_false(whole$consistency)
  expect_false(whole$decision_error)
  expect_true(whole$computed_p_low < whole$computed_p && whole$computed_p < whole$computed_p_high)
  expect_match(whole$reason, "[0.025, 0.035]", fixed = TRUE)
  expect_identical(check_p("t", "2.20", ".04", df1 = 28)$reason, "consistent")
})

test_that("decision errors, one-tailed tests, truncation and alpha follow the options", {
  expect_true(check_p("F(2, 57) = 1.20, p = .02")$decision_error)
  expect_true(check_p("t(28) = 2.20, p = .02")$one_tailed_possible)
  expect_true(check_p("t(28) = 2.20, p = .02", one_tailed = TRUE)$consistency)
  expect_true(check_p("t(28) = 2.20, p = .03", p_truncation = TRUE)$consistency)
  expect_false(check_p("t(28) = 2.5, p = .05")$decision_error)
  expect_true(check_p("t(28) = 2.5, p = .05", p_equal_alpha_significant = FALSE)$decision_error)
})

test_that("recomputed p-values agree with R's own tails", {
  expect_equal(check_p("t", "2.20", ".04", df1 = 28)$computed_p, 2 * pt(-2.2, 28), tolerance = 1e-13)
  expect_equal(check_p("F", "4.84", ".04", df1 = 1, df2 = 28)$computed_p,
    pf(4.84, 1, 28, lower.tail = FALSE), tolerance = 1e-13)
  expect_equal(check_p("chi2", "30.5", "< .001", df1 = 7.5)$computed_p,
    pchisq(30.5, 7.5, lower.tail = FALSE), tolerance = 1e-13)
  expect_equal(check_p("z", "9.3", "< .001")$computed_p, 2 * pnorm(-9.3), tolerance = 1e-13)
  r <- -0.32
  t <- r * sqrt(48 / (1 - r^2))
  expect_equal(check_p("r", "-.32", ".024", df1 = 48)$computed_p, 2 * pt(-abs(t), 48), tolerance = 1e-13)
})

test_that("check_p() is vectorised and recycles", {
  out <- check_p("t", c("2.20", "2.20", "1.00"), c(".04", ".03", "> .3"), df1 = 28)
  expect_identical(out$consistency, c(TRUE, FALSE, TRUE))
  expect_error(check_p("t", c("1", "2"), c(".1", ".2", ".3"), df1 = 9), class = "ferrox_error")
})

test_that("reports no data could give are ferrox errors", {
  expect_error(check_p("r(48) = 1.20, p = .02"), "between -1 and 1", class = "ferrox_error_invalid_input")
  expect_error(check_p("t", "2.2", ".03"), "degrees of freedom", class = "ferrox_error")
  expect_error(check_p("t", "2.2", "1.3", df1 = 10), "between 0 and 1", class = "ferrox_error")
  expect_error(check_p("the mean was 3.2"), "cannot read", class = "ferrox_error")
  expect_error(check_p("t(28) = 2.2, p = .03", alpha = 2), "alpha", class = "ferrox_error")
  expect_error(check_p("t(28) = 2.2, p = .03", alpha = NA), "alpha", class = "ferrox_error")
})

reports <- data.frame(
  test = c("t", "F", "chi2", "r", "z", "U"),
  value = c("2.20", "1.20", "3.84", "-.32", "1.96", "23"),
  df1 = c(28, 2, 1, 48, NA, 10),
  df2 = c(NA, 57, NA, NA, NA, 10),
  p = c(".04", ".02", "= .05", ".024", "< .05", ".045")
)

test_that("p_map() adds the verdict columns to a data frame", {
  out <- p_map(reports)
  expect_identical(out$consistency, c(TRUE, FALSE, TRUE, TRUE, TRUE, TRUE))
  expect_identical(out$decision_error, c(FALSE, TRUE, FALSE, FALSE, FALSE, FALSE))
  expect_identical(names(out)[1:5], names(reports))
  expect_error(p_map(transform(reports, p = c(".04", ".02", "= .05", "2", "< .05", ".045"))),
    "row 4", class = "ferrox_error")
  expect_error(p_map(reports[, -1]), "no column `test`", class = "ferrox_error")
})

test_that("p_map() reads a column of APA strings", {
  out <- p_map(data.frame(result = c("t(28) = 2.20, p = .03", "\u03c7\u00b2(2, N = 90) = 8.1, p = .017")))
  expect_identical(out$test, c("t", "chi2"))
  expect_identical(out$value, c("2.20", "8.1"))
  expect_identical(out$df2, c(NA_real_, NA_real_))
  expect_identical(out$consistency, c(FALSE, TRUE))
})

test_that("check_text() finds results where substr() finds them", {
  text <- "\u00c9tude: t(28) = 2.20, p = .03; F(1, 28) = 4.84, p = .04 and z = 1.2, ns."
  out <- check_text(text)
  expect_identical(out$text, substr(rep(text, 3), out$start, out$end))
  expect_identical(out$text[3], "z = 1.2, ns")
  expect_identical(out$consistency, c(FALSE, TRUE, TRUE))
  expect_identical(nrow(check_text("nothing here")), 0L)
})

test_that("parse_result() reads the typography of real papers", {
  out <- parse_result(c("t(28) = \u22122.20, p < .001", "F1,50 = 4.1, p = .05", "r(48) = .3, n.s."))
  expect_identical(out$test, c("t", "F", "r"))
  expect_identical(out$value, c("-2.20", "4.1", "0.3"))
  expect_identical(out$df2, c(NA, "50", NA))
  expect_identical(out$p_comparison, c("<", "=", "ns"))
  expect_error(parse_result("t = 2"), class = "ferrox_error")
})

test_that("grim_u() and t_from_summary() give their verdicts", {
  expect_false(grim_u("23.2", 10, 10)$u_consistency)
  v <- grim_u("23", 10, 10, p = ".043", ties = FALSE)
  expect_true(v$p_consistency)
  expect_identical(v$methods, "exact")
  expect_identical(grim_u(c("23", "23.5"), 10, 10, ties = FALSE)$u_consistency, c(TRUE, FALSE))
  expect_error(grim_u("101", 10, 10), "U lies between", class = "ferrox_error")
  r <- t_from_summary("5.20", "1.10", 30, "4.50", "1.30", 30, t = "2.25", p = "< .05")
  expect_true(r$t_consistency && r$p_consistency)
  expect_identical(r$df_low, 58)
  w <- t_from_summary("5.20", "1.10", 30, "4.50", "1.30", 30, test = "welch")
  expect_true(w$df_low < w$df_high && w$df_high < 58)
  expect_identical(w$t_consistency, NA)
  expect_error(t_from_summary("5.20", "1.10", 30), "second group", class = "ferrox_error")
})

test_that("p-values computed by R and rounded as reports round them are consistent", {
  set.seed(20261130)
  size <- 500
  stat <- runif(size, 0.01, 8)
  df <- sample(1:1000, size, replace = TRUE)
  digits <- sample(0:3, size, replace = TRUE)
  p_digits <- sample(1:4, size, replace = TRUE)
  test <- sample(c("t", "z", "F", "chi2"), size, replace = TRUE)
  value <- sprintf("%.*f", digits, stat)
  shown <- as.numeric(value)
  true_p <- ifelse(test == "t", 2 * pt(-shown, df),
    ifelse(test == "z", 2 * pnorm(-shown),
      ifelse(test == "F", pf(shown, 1, df, lower.tail = FALSE), pchisq(shown, df, lower.tail = FALSE))
    )
  )
  p <- sprintf("%.*f", p_digits, true_p)
  df1 <- ifelse(test == "F", 1, ifelse(test == "z", NA, df))
  df2 <- ifelse(test == "F", df, NA)
  out <- check_p(test, value, p, df1 = df1, df2 = df2)
  expect_true(all(out$consistency))
  expect_equal(out$computed_p, true_p, tolerance = 1e-12)
})

test_that("grim_u_map() and t_from_summary_map() work row by row", {
  out <- grim_u_map(data.frame(u = c("23", "23.2"), n1 = 10, n2 = 10, p = c(".043", NA)), ties = FALSE)
  expect_identical(out$u_consistency, c(TRUE, FALSE))
  expect_identical(out$p_consistency, c(TRUE, NA))
  groups <- data.frame(
    m1 = c("5.20", "5.5"), sd1 = c("1.10", "2.0"), n1 = c(30, 25),
    m2 = c("4.50", NA), sd2 = c("1.30", NA), n2 = c(30, NA),
    kind = c("welch", "one_sample"), t = c("2.25", "1.3")
  )
  out <- t_from_summary_map(groups, test = "kind", mu = "5")
  expect_identical(out$t_consistency, c(TRUE, TRUE))
  single <- t_from_summary("5.20", "1.10", 30, "4.50", "1.30", 30, test = "welch", mu = "5")
  expect_identical(out$t_low[1], single$t_low)
  expect_error(t_from_summary_map(groups, test = "welch"), "row 2", class = "ferrox_error")
})
