known <- data.frame(
  trial = c("T1", "T1", "T2", "T2", "T3", "T3", "T3"), variable = "x",
  group = c("A", "B", "A", "B", "A", "B", "C"), n = c(50, 50, 31, 29, 20, 25, 22),
  mean = c("54.2", "55.9", "10.13", "9.87", "5.2", "5.9", "6.4"),
  sd = c("9.1", "8.7", "1.02", "0.95", "1.1", "1.3", "1.2")
)

test_that("p-values match R's t-test and ANOVA", {
  out <- carlisle(known)$variables
  expect_equal(out$p, c(0.342020524436143, 0.312034608208432, 0.00826064953974039), tolerance = 1e-12)
  expect_true(all(out$p_min <= out$p & out$p <= out$p_max))
  expect_identical(out$method, rep("anova", 3))
})

test_that("counts with levels use chi-squared", {
  table <- data.frame(
    trial = "T1", variable = "smoker", group = rep(c("A", "B"), each = 3),
    level = c("never", "former", "current"), n = 60, count = c(30, 20, 10, 25, 20, 15)
  )
  out <- carlisle(table)$variables
  expect_equal(out$p, chisq.test(matrix(c(30, 25, 20, 20, 10, 15), 2), correct = FALSE)$p.value, tolerance = 1e-12)
})

test_that("the same seed gives the same draws, in R as in Python", {
  first <- carlisle(known, seed = 3)
  expect_identical(first$variables$p_drawn, carlisle(known, seed = 3)$variables$p_drawn)
  expect_false(identical(first$variables$p_drawn, carlisle(known, seed = 4)$variables$p_drawn))
  expect_output(print(first), "KS D")
  expect_named(first, c("variables", "trials", "uniformity"))
})

test_that("bad tables are clear ferrox_errors", {
  expect_error(carlisle(known[1, ]), "two groups", class = "ferrox_error")
  expect_error(carlisle(known[, c("trial", "variable", "group", "n")]), "neither", class = "ferrox_error")
  expect_error(carlisle(known[, -1]), "trial", class = "ferrox_error")
})
