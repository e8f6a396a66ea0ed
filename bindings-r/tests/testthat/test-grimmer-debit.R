test_that("grimmer() matches every row of scrutiny's reference table in compat mode", {
  ref <- reference_table("grimmer_examples.csv")
  out <- grimmer(ref$x, ref$sd, as.numeric(ref$n),
    items = as.numeric(ref$items), compat = "scrutiny", show_reason = TRUE
  )
  expect_true(all(ref$rounding == "up_or_down"))
  expect_identical(out$consistency, ref$consistency == "TRUE")
  expect_identical(out$reason, ref$reason)
})

test_that("debit() matches every row of scrutiny's reference table in compat mode", {
  ref <- reference_table("debit_examples.csv")
  for (rounding in unique(ref$rounding)) {
    rows <- ref[ref$rounding == rounding, ]
    table <- data.frame(x = rows$x, sd = rows$sd, n = as.numeric(rows$n))
    out <- debit_map(table, rounding = rounding, compat = "scrutiny", show_rec = TRUE)
    expect_identical(out$consistency, rows$consistency == "TRUE")
    for (column in c("x_lower", "x_upper", "sd_lower", "sd_upper")) {
      expect_identical(out[[column]], as.numeric(rows[[column]]), label = paste(rounding, column))
    }
    for (column in c("x_incl_lower", "x_incl_upper", "sd_incl_lower", "sd_incl_upper")) {
      expect_identical(out[[column]], rows[[column]] == "TRUE", label = paste(rounding, column))
    }
  }
})

test_that("exact GRIMMER passes genuine data that scrutiny flags", {
  x <- c("3.6", "4.0", "3.2")
  sd <- c("1.99", "2.071", "1.823")
  n <- c(40, 122, 18)
  expect_identical(grimmer(x, sd, n), rep(TRUE, 3))
  expect_identical(grimmer(x, sd, n, compat = "scrutiny"), rep(FALSE, 3))
})

test_that("GRIMMER's scale bounds and bad input", {
  expect_true(grimmer("3.0", "2.16", 10))
  out <- grimmer("3.0", "2.16", 10, scale_min = 1, scale_max = 5, show_reason = TRUE)
  expect_identical(out$reason, "GRIMMER inconsistent (test 3)")
  expect_error(grimmer("3.0", "2.16", 10, scale_min = 1), "neither", class = "ferrox_error")
  expect_error(grimmer("5.2", "-1.0", 20), "negative", class = "ferrox_error")
  expect_error(grimmer(c("5.2", "5.2"), c("1.0", "x"), 20), "row 2", class = "ferrox_error")
})

test_that("exact DEBIT fixes scrutiny's flaws; scrutiny's NA is kept", {
  expect_true(debit("0.5", "0.53", 10))
  expect_true(debit("0.50", "0.503", 100))
  expect_false(debit("0.33", "0.50", 10))
  expect_true(debit("0.33", "0.50", 10, compat = "scrutiny"))
  expect_identical(debit("0.0", "0.00", 10, compat = "scrutiny"), NA)
  expect_error(debit("1.5", "0.5", 10), "between 0 and 1", class = "ferrox_error")
})

test_that("maps keep the table, add reasons, intervals and audits", {
  table <- data.frame(study = c("a", "b", "c"), x = c("5.19", "5.23", "5.23"), sd = "2.55", n = c(28, 35, 31))
  out <- grimmer_map(table, show_rec = TRUE)
  expect_identical(out$study, table$study)
  expect_identical(out$reason, c("GRIM inconsistent", "GRIMMER inconsistent (test 2)", "Passed all"))
  expect_identical(out$sd_lower, rep(2.545, 3))
  stats <- audit(out)
  expect_identical(c(stats$incons_cases, stats$fail_grim, stats$fail_test2), c(2, 1, 1))
  grim_stats <- audit(grim_map(data.frame(x = c("5.19", "5.19", "5.1"), n = c(28, 32, 83)), show_rec = TRUE))
  expect_identical(c(grim_stats$incons_cases, grim_stats$testable_cases), c(1, 2))
  binary <- debit_map(data.frame(x = c("0.0", "0.5"), sd = c("0.00", "0.53"), n = 10), compat = "scrutiny")
  expect_identical(audit(binary)$na_cases, 1)
  expect_error(grimmer_map(data.frame(mean = "1.2", sd = "1", n = 3)), "no column", class = "ferrox_error")
})

test_that("split_parens() is split_by_parens() and keeps trailing zeros", {
  expect_identical(split_parens, split_by_parens)
  out <- split_parens(c("5.20 (1.43)", NA, "3 (0.90)"))
  expect_identical(out$x, c("5.20", NA, "3"))
  expect_identical(out$sd, c("1.43", NA, "0.90"))
  expect_identical(split_parens("3 [0.9]", sep = "brackets")$sd, "0.9")
  table <- split_parens(data.frame(cell = "5.20 (1.43)", n = 20), "cell")
  expect_named(table, c("cell_x", "cell_sd", "n"))
  expect_identical(grimmer(table$cell_x, table$cell_sd, table$n), grimmer("5.20", "1.43", 20))
  expect_error(split_parens(c("5.20 (1.43)", "5.20 1.43")), "row 2", class = "ferrox_error")
})

test_that("sd_binary_*() follow scrutiny's formulas", {
  expect_equal(sd_binary_groups(3, 3), sqrt(6 / 5 * 0.25))
  expect_equal(sd_binary_0_n(c(3, 1), c(6, 4)), c(sqrt(6 / 5 * 0.25), sqrt(4 / 3 * 0.25 * 0.75)))
  expect_identical(sd_binary_1_n(3, 6), sd_binary_0_n(3, 6))
  expect_equal(sd_binary_mean_n(0.3, 10), sqrt(10 / 9 * 0.3 * 0.7))
  expect_error(sd_binary_0_n(7, 6), class = "ferrox_error")
  expect_error(sd_binary_mean_n(1.5, 6), class = "ferrox_error")
  expect_error(sd_binary_groups(1, 0), class = "ferrox_error")
})

test_that("split_by_parens splits whole tables as scrutiny does", {
  table <- data.frame(
    drone_pos = c("0.09 (0.21)", "0.19 (0.13)"), drone_neg = c("2.05 (0.41)", "2.13 (0.19)"), id = 1:2
  )
  expect_warning(out <- split_by_parens(table), "id")
  # scrutiny 0.6.1 gives these columns and values for this table.
  expect_named(out, c("drone_pos_x", "drone_pos_sd", "drone_neg_x", "drone_neg_sd", "id"))
  expect_identical(out$drone_neg_sd, c("0.41", "0.19"))
  stacked <- split_by_parens(table[1:2], transform = TRUE)
  expect_identical(stacked$.origin, c("drone_neg", "drone_neg", "drone_pos", "drone_pos"))
  expect_identical(stacked$sd, c("0.41", "0.19", "0.21", "0.13"))
  kept <- split_by_parens(table, cols = "drone_pos", keep = TRUE, end2 = "se")
  expect_named(kept, c("drone_pos_x", "drone_pos_se", "drone_pos", "drone_neg", "id"))
  expect_error(suppressWarnings(split_by_parens(table, transform = TRUE)), "transform", class = "ferrox_error")
})

test_that("before_parens and inside_parens", {
  cells <- c("1.2 (3.4)", "5", "a [b]", NA)
  expect_identical(before_parens(cells), c("1.2", "5", "a [b]", NA))
  expect_identical(before_parens(cells, sep = "brackets"), c("1.2 (3.4)", "5", "a", NA))
  expect_identical(inside_parens(cells), c("3.4", NA, NA, NA))
  expect_identical(inside_parens("x (y) (z)"), "z")
  expect_identical(inside_parens("2.65 <0.27>", sep = c("<", ">")), "0.27")
  expect_error(before_parens("1 (2)", sep = "angles"), "sep", class = "ferrox_error")
})

test_that("duplicates are counted as scrutiny counts them", {
  table <- data.frame(
    a = c("1.2", "3.4", "1.2", "5.0", NA), b = c("3.4", "7.7", "1.2", "5.0", "9"), c = 1:5
  )
  counts <- duplicate_count(table)
  # scrutiny 0.6.1's duplicate_count() of this table.
  expect_identical(counts$value[1:5], c("1.2", "3.4", "5.0", "7.7", "9"))
  expect_identical(counts$frequency[1:5], c(3L, 2L, 2L, 1L, 1L))
  expect_identical(counts$locations[1:2], c("a, b", "a, b"))
  expect_identical(nrow(counts), 10L)
  tally <- duplicate_tally(table)
  expect_named(tally, c("a", "a_n", "b", "b_n", "c", "c_n"))
  expect_identical(tally$a_n, c(3L, 2L, 3L, 2L, NA))
  pairs <- duplicate_count_colpair(table, ignore = "5.0")
  expect_identical(unlist(pairs[1, 1:5]), c(x = "a", y = "b", count = "3", total_x = "3", total_y = "4"))
  expect_error(duplicate_count(1:3), "data frame", class = "ferrox_error")
})

test_that("debit_plot draws the cases' boxes", {
  path <- tempfile(fileext = ".png")
  grDevices::png(path)
  tested <- debit_plot(data.frame(x = c("0.36", "0.5"), sd = c("0.11", "0.53"), n = c(20, 10)))
  grDevices::dev.off()
  expect_identical(tested$consistency, c(FALSE, TRUE))
  expect_true(all(c("x_lower", "sd_upper") %in% names(tested)))
  expect_gt(file.size(path), 1000)
})

test_that("sequence predicates answer as scrutiny does", {
  # scrutiny 0.6.1's answers.
  expect_identical(is_seq_linear(c(4, 5, 6, 5, 4)), TRUE)
  expect_identical(is_seq_linear(c(1, 2, 4)), FALSE)
  expect_identical(is_seq_linear(c(NA, 1, 2, 3)), NA)
  expect_identical(is_seq_ascending(c(5, 4, NA, 2, 1)), FALSE)
  expect_identical(is_seq_descending(c(5, 4, NA, 2, 1)), NA)
  expect_identical(is_seq_descending(c("0.5", NA, "0.7", "0.8")), FALSE)
  expect_identical(is_seq_ascending(c(1, 2, 4), test_linear = FALSE), TRUE)
  expect_identical(is_seq_dispersed(3:7, from = 5), TRUE)
  expect_identical(is_seq_dispersed(c(4, 5, 6, 5, 4), from = 6), FALSE)
  expect_identical(is_seq_linear(c("a", "b")), FALSE)
  expect_identical(is_seq_linear(c(10, 20, 30, NA, 50)), NA)
})

test_that("audit() of duplicate tables replays scrutiny", {
  inputs <- reference_table("duplicate_inputs.csv")
  expected <- reference_table("duplicate_audit.csv")
  functions <- list(
    duplicate_count = duplicate_count, duplicate_colpair = duplicate_count_colpair,
    duplicate_tally = duplicate_tally
  )
  got <- do.call(rbind, lapply(split(inputs, as.integer(inputs$table)), function(rows) {
    table <- as.data.frame(split(rows$value, factor(rows$column, unique(rows$column))))
    do.call(rbind, lapply(names(functions), function(kind) {
      out <- audit(functions[[kind]](table))
      out$na_rate[out$term == ".total"] <- out$na_rate[out$term == ".total"] * ncol(table)
      data.frame(table = rows$table[1], kind = kind, out)
    }))
  }))
  expect_identical(nrow(got), nrow(expected))
  key <- function(d) paste(d$table, d$kind, d$term)
  got <- got[match(key(expected), key(got)), ]
  for (stat in c("mean", "sd", "median", "min", "max", "na_rate")) {
    expect_equal(got[[stat]], as.double(expected[[stat]]), tolerance = 1e-14, label = stat)
  }
  expect_identical(got$na_count, as.integer(expected$na_count))
})

test_that("audit() tells tables by their columns", {
  tested <- grim_map_seq(data.frame(x = "5.19", n = 28))
  expect_identical(audit(tested), audit_seq(tested))
  expect_error(audit(data.frame(q = 1)), "duplicate_tally", class = "ferrox_error")
})
