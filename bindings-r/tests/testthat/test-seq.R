outputs <- reference_table("seq_outputs.csv")
inputs <- reference_table("seq_inputs.csv")

input <- function(table) {
  rows <- inputs[inputs$table == table, , drop = FALSE]
  rows <- rows[, vapply(rows, function(col) any(!is.na(col) & col != ""), TRUE), drop = FALSE]
  rows$table <- NULL
  rows$n <- as.numeric(rows$n)
  rownames(rows) <- NULL
  rows
}

shown <- function(frame, columns) {
  out <- lapply(frame[columns], function(col) {
    text <- if (is.logical(col)) ifelse(col, "TRUE", "FALSE") else as.character(col)
    text[is.na(col)] <- NA
    text
  })
  as.data.frame(out, stringsAsFactors = FALSE)
}

expected <- function(table, columns) {
  rows <- outputs[outputs$table == table, columns, drop = FALSE]
  rownames(rows) <- NULL
  rows
}

test_that("map_seq and audit_seq replay scrutiny", {
  tests <- list(
    grim = list(grim_map_seq, c("x", "n")),
    grimmer = list(grimmer_map_seq, c("x", "sd", "n")),
    debit = list(debit_map_seq, c("x", "sd", "n"))
  )
  for (test in names(tests)) {
    reported <- tests[[test]][[2]]
    out <- tests[[test]][[1]](input(test), compat = "scrutiny")
    columns <- c(reported, "consistency", "diff_var", "case", "var")
    expect_identical(shown(out, columns), expected(paste0(test, "_map_seq"), columns), info = test)
    summary <- c(
      reported, "consistency", "hits_total", paste0("hits_", reported),
      paste0("diff_", rep(reported, each = 3), c("", "_up", "_down"))
    )
    expect_identical(shown(audit_seq(out), summary), expected(paste0(test, "_audit_seq"), summary), info = test)
  }
  out <- grim_map_seq(input("grim"), var = "n", dispersion = 1:3, include_consistent = TRUE)
  columns <- c("x", "n", "consistency", "diff_var", "case", "var")
  expect_identical(shown(out, columns), expected("grim_map_seq_n", columns))
})

test_that("map_seq at dispersion 0 is the map", {
  table <- data.frame(x = c("5.19", "3.71", "6.28", "2.4"), n = c(28, 34, 40, 17))
  for (var in c("x", "n")) {
    out <- grim_map_seq(table, var = var, dispersion = 0, include_consistent = TRUE)
    expect_identical(out$consistency, grim_map(table)$consistency)
  }
})

test_that("map_total_n and audit_total_n replay scrutiny", {
  tests <- list(
    grim = list(grim_map_total_n, "x"),
    grimmer = list(grimmer_map_total_n, c("x", "sd")),
    debit = list(debit_map_total_n, c("x", "sd"))
  )
  for (test in names(tests)) {
    reported <- tests[[test]][[2]]
    out <- tests[[test]][[1]](input(paste0(test, "_total")), compat = "scrutiny")
    columns <- c(reported, "n", "n_change", "consistency", "both_consistent", "case", "dir")
    expect_identical(shown(out, columns), expected(paste0(test, "_map_total_n"), columns), info = test)
    audit <- audit_total_n(out)
    summary <- c(paste0(rep(reported, each = 2), 1:2), "n", "hits_total", "hits_forth", "hits_back", "scenarios_total")
    expect_identical(shown(audit, summary), expected(paste0(test, "_audit_total_n"), summary), info = test)
    expect_equal(audit$hit_rate, as.numeric(expected(paste0(test, "_audit_total_n"), "hit_rate")$hit_rate))
  }
  expect_identical(shown(disperse_total(41), c("n", "n_change")), expected("disperse_total_41", c("n", "n_change")))
  limited <- disperse_total(40, dispersion = 0:3, n_min = 19, n_max = 22)
  expect_identical(shown(limited, c("n", "n_change")), expected("disperse_total_40", c("n", "n_change")))
})

test_that("bad input is a clear ferrox_error", {
  one <- data.frame(x = "5.19", n = 28)
  expect_error(grim_map_seq(one, var = "sd"), "var", class = "ferrox_error")
  expect_error(grim_map_seq(one, dispersion = c(1, 1)), "distinct", class = "ferrox_error")
  expect_error(disperse_total(1), "at least 2", class = "ferrox_error")
  expect_error(grim_map_total_n(data.frame(x1 = "1.5", x2 = "2.5", n = 20.5)), "n", class = "ferrox_error")
})

test_that("plot() of a *_map_seq table draws every variant and report", {
  seq <- grim_map_seq(data.frame(x = c("5.19", "3.27"), n = c(28, 33)))
  expect_s3_class(seq, "ferrox_map_seq")
  seen <- new.env()
  seen$drawn <- integer()
  record <- bquote(assign("drawn", c(get("drawn", envir = .(seen)), length(x)), envir = .(seen)))
  suppressMessages(trace("points", record, where = asNamespace("graphics"), print = FALSE))
  on.exit(suppressMessages(untrace("points", where = asNamespace("graphics"))), add = TRUE)
  grDevices::png(tempfile(fileext = ".png"))
  on.exit(grDevices::dev.off(), add = TRUE)
  expect_identical(plot(seq), seq)
  drawn <- seen$drawn
  # Per panel: the consistent variants, the inconsistent ones, the reports.
  per_var <- function(v) {
    rows <- seq[seq$var == v, ]
    c(sum(rows$consistency), sum(!rows$consistency), length(unique(rows$case)))
  }
  expect_equal(drawn, c(per_var("x"), per_var("n")))
})
