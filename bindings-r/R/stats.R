# Reported test statistics: statcheck's p-value check over whole rounding
# intervals, the APA result parser, GRIM-U and t-tests from summary data.

p_settings <- function(alpha, p_equal_alpha_significant, p_truncation, one_tailed,
                       rounding, threshold, symmetric, call) {
  list(
    rounding = setting(rounding, "rounding", "string", call),
    threshold = setting(threshold, "threshold", "number", call),
    symmetric = setting(symmetric, "symmetric", "flag", call),
    alpha = setting(alpha, "alpha", "number", call),
    p_equal_alpha_significant = setting(
      p_equal_alpha_significant, "p_equal_alpha_significant", "flag", call
    ),
    p_truncation = setting(p_truncation, "p_truncation", "flag", call),
    one_tailed = setting(one_tailed, "one_tailed", "flag", call)
  )
}

# Cells as text for the core: numbers as their shortest decimals (with the
# usual warning for reported values), NA kept.
cells <- function(x, name, call, reported_value = FALSE) {
  if (is.factor(x)) {
    x <- as.character(x)
  }
  if (is.character(x)) {
    return(x)
  }
  if (is.logical(x) && all(is.na(x))) {
    return(as.character(x))
  }
  if (!is.numeric(x)) {
    ferrox_abort(paste0("`", name, "` must be a character or numeric vector"), call)
  }
  if (reported_value) {
    reported(x, name, call)
  }
  out <- format(x, digits = 15, trim = TRUE, scientific = FALSE, drop0trailing = TRUE)
  out[is.na(x)] <- NA_character_
  out
}

# Vectors recycled to their common length, as R's vectorised functions do.
recycled <- function(args, call) {
  lengths <- vapply(args, length, integer(1))
  if (any(lengths == 0)) {
    ferrox_abort("an argument has no values", call)
  }
  size <- max(lengths)
  if (any(size %% lengths != 0)) {
    ferrox_abort("the arguments' lengths do not recycle to a common length", call)
  }
  lapply(args, rep_len, length.out = size)
}

#' Check reported p-values against their test statistics
#'
#' Recomputes p from each reported test statistic and its degrees of
#' freedom, over the statistic's whole rounding interval, and checks that the
#' reported p (read with its own comparison and decimals) fits: statcheck's
#' check, with exact intervals. A decision error is an inconsistency where
#' the report and every recomputed p fall on different sides of `alpha`.
#'
#' @param test Character. `"t"`, `"F"`, `"chi2"`, `"r"`, `"z"`, `"Q"`,
#'   `"Qw"`, `"Qb"`, `"U"` or `"W"`; or whole APA results such as
#'   `"t(28) = 2.20, p = .03"` when `value` and `p` are left out.
#' @param value Character. The statistics as written (`"< 1"` for an
#'   inequality).
#' @param p Character. The p-values as written: `".03"`, `"< .001"`, `"ns"`.
#' @param df1,df2 Degrees of freedom (`df1` alone for t, r, chi2 and Q; both
#'   for F; the group sizes n1 and n2 for U and W); `NA` where none.
#' @param alpha Numeric. The significance level of decision errors.
#' @param p_equal_alpha_significant Logical. Whether p equal to `alpha` is
#'   significant.
#' @param p_truncation Logical. Whether `p = .03` may also be a truncated
#'   .039.
#' @param one_tailed Logical. Test t, r and z one-tailed.
#' @inheritParams grim
#'
#' @return A data frame with one row per report: `computed_p` (from the
#'   statistic as reported), `computed_p_low`, `computed_p_high` (over its
#'   rounding interval), `consistency`, `decision_error`,
#'   `one_tailed_possible` and `reason`.
#' @export
#'
#' @examples
#' check_p("t(28) = 2.20, p = .03")
#' check_p(test = "t", value = "2.20", p = ".04", df1 = 28)$consistency
#' check_p("F(2, 57) = 1.20, p = .02")$decision_error
check_p <- function(test, value = NULL, p = NULL, df1 = NA, df2 = NA, alpha = 0.05,
                    p_equal_alpha_significant = TRUE, p_truncation = FALSE,
                    one_tailed = FALSE, rounding = "up_or_down", threshold = 5,
                    symmetric = FALSE) {
  call <- sys.call()
  s <- p_settings(
    alpha, p_equal_alpha_significant, p_truncation, one_tailed, rounding, threshold,
    symmetric, call
  )
  if (is.null(value) && is.null(p)) {
    out <- core(p_check_results(cells(test, "test", call), s), call)
    return(as.data.frame(out[setdiff(names(out), c("test", "df1", "df2", "value", "p"))]))
  }
  args <- recycled(list(test = test, value = value, df1 = df1, df2 = df2, p = p), call)
  as.data.frame(core(p_check_columns(
    cells(args$test, "test", call), cells(args$value, "value", call, TRUE),
    cells(args$df1, "df1", call), cells(args$df2, "df2", call),
    cells(args$p, "p", call, TRUE), s
  ), call))
}

#' Check the p-value of every row of a data frame
#'
#' The rows are reports in columns (`test`, `value`, `df1`, `df2`, `p`; the
#' df columns may be absent or `NA` where a test has none), or APA strings in
#' one column (`result`, used when `data` has it and no `test` column).
#'
#' @param data A data frame.
#' @param test,value,p,df1,df2,result Strings. Names of those columns;
#'   `NULL` means the role's own name.
#' @inheritParams check_p
#'
#' @return `data` with the columns of [check_p()] added; read from APA
#'   strings, also the parts read (`test`, `df1`, `df2`, `value`, `p`) where
#'   `data` lacks them.
#' @export
#'
#' @examples
#' reports <- data.frame(
#'   test = c("t", "F"), value = c("2.20", "1.20"), df1 = c(28, 2),
#'   df2 = c(NA, 57), p = c(".04", ".02")
#' )
#' p_map(reports)
#' p_map(data.frame(result = c("t(28) = 2.20, p = .03", "z = 1.96, p = .05")))
p_map <- function(data, test = NULL, value = NULL, p = NULL, df1 = NULL, df2 = NULL,
                  result = NULL, alpha = 0.05, p_equal_alpha_significant = TRUE,
                  p_truncation = FALSE, one_tailed = FALSE, rounding = "up_or_down",
                  threshold = 5, symmetric = FALSE) {
  call <- sys.call()
  if (!is.data.frame(data)) {
    ferrox_abort("`data` must be a data frame", call)
  }
  s <- p_settings(
    alpha, p_equal_alpha_significant, p_truncation, one_tailed, rounding, threshold,
    symmetric, call
  )
  test_name <- if (is.null(test)) "test" else test
  if (!is.null(result) || ("result" %in% names(data) && !test_name %in% names(data))) {
    cols <- frame_columns(data, list(result = result), call)
    out <- core(p_check_results(cells(cols$result, "result", call), s), call)
    for (name in names(out)) {
      if (!(name %in% c("test", "df1", "df2", "value", "p") && name %in% names(data))) {
        data[[name]] <- out[[name]]
      }
    }
    return(data)
  }
  cols <- frame_columns(data, list(test = test, value = value, p = p), call)
  out <- core(p_check_columns(
    cells(cols$test, "test", call), cells(cols$value, "value", call, TRUE),
    cells(optional_column(data, df1, "df1"), "df1", call),
    cells(optional_column(data, df2, "df2"), "df2", call),
    cells(cols$p, "p", call, TRUE), s
  ), call)
  for (name in names(out)) {
    data[[name]] <- out[[name]]
  }
  data
}

#' Find every APA result in a text and check its p-value
#'
#' @param text A single string, such as a paper's text.
#' @inheritParams check_p
#'
#' @return A data frame with one row per result: the parts read (`test`,
#'   `df1`, `df2`, `value`, `p`), where it is (`substr(text, start, end)` is
#'   `text`, the result as written), and the columns of [check_p()].
#' @export
#'
#' @examples
#' check_text("As predicted, t(28) = 2.20, p = .03; F(1, 28) = 4.84, p = .04.")
check_text <- function(text, alpha = 0.05, p_equal_alpha_significant = TRUE,
                       p_truncation = FALSE, one_tailed = FALSE, rounding = "up_or_down",
                       threshold = 5, symmetric = FALSE) {
  call <- sys.call()
  text <- setting(text, "text", "string", call)
  s <- p_settings(
    alpha, p_equal_alpha_significant, p_truncation, one_tailed, rounding, threshold,
    symmetric, call
  )
  as.data.frame(core(p_check_text(enc2utf8(text), s), call))
}

#' Read APA results into their parts
#'
#' Understands the typography of real papers: Unicode minus and en dash,
#' `chi2`, `X2` and the Greek chi with a superscript 2, `F1,50`, thin and
#' non-breaking spaces, `ns`.
#'
#' @param x Character. APA results such as `"t(28) = 2.20, p = .03"`.
#'
#' @return A data frame with one row per result: `test`, `df1`, `df2`, `n`
#'   (the N some chi-square reports add), `comparison`, `value`,
#'   `p_comparison` (`"ns"` for not significant) and `p`, numbers as written.
#' @export
#'
#' @examples
#' parse_result(c("t(28) = 2.20, p = .03", "F(1, 50) = 4.12, p < .05"))
parse_result <- function(x) {
  call <- sys.call()
  as.data.frame(core(parse_result_cells(enc2utf8(cells(x, "x", call))), call))
}

#' GRIM-U: is a reported Mann-Whitney U possible, and does its p fit?
#'
#' U is a whole number from 0 to `n1 * n2` (a multiple of one half with
#' ties). The p is tried exactly (no ties, `n1 * n2` up to 10,000), by the
#' normal approximation, and with a continuity correction; `methods` names
#' those under which it fits.
#'
#' @param u Character. Reported U values as written.
#' @param n1,n2 Numeric. The group sizes.
#' @param p Character. Reported p-values (`NA`: not given).
#' @param ties Logical. Whether the data may have ties.
#' @inheritParams check_p
#'
#' @return A data frame: `u_consistency`, `p_consistency` (`NA` without a
#'   p), `methods`, `computed_p` (normal approximation at the reported U),
#'   `p_low` and `p_high`.
#' @export
#'
#' @examples
#' grim_u("23.2", 10, 10)
#' grim_u("23", 10, 10, p = ".043", ties = FALSE)
grim_u <- function(u, n1, n2, p = NA, ties = TRUE, alpha = 0.05,
                   p_equal_alpha_significant = TRUE, rounding = "up_or_down",
                   threshold = 5, symmetric = FALSE) {
  call <- sys.call()
  s <- p_settings(
    alpha, p_equal_alpha_significant, FALSE, FALSE, rounding, threshold, symmetric, call
  )
  args <- recycled(list(u = u, n1 = n1, n2 = n2, p = p), call)
  as.data.frame(core(grim_u_cases(
    reported(args$u, "u", call), counts(args$n1, "n1", call), counts(args$n2, "n2", call),
    cells(args$p, "p", call), setting(ties, "ties", "flag", call), s
  ), call))
}

#' Rebuild t-tests from reported means, SDs and sample sizes
#'
#' Every t, df and two-tailed p that means and SDs rounding to the reports
#' give, found exactly at the corners of the box of rounding intervals (and,
#' for Welch's df, by a search in one variable), and whether a reported `t`
#' (compared by size) and `p` are among them.
#'
#' @param m1,sd1,n1 The first group (or the differences, for `"paired"`).
#' @param m2,sd2,n2 The second group, for `"student"` and `"welch"`.
#' @param test Character. `"student"`, `"welch"`, `"one_sample"` or
#'   `"paired"`.
#' @param mu Character. The value a one-sample test compares with.
#' @param t,p Character. The reported t and p (`NA`: not given).
#' @inheritParams check_p
#'
#' @return A data frame: `t_low`, `t_high`, `df_low`, `df_high`, `p_low`,
#'   `p_high`, `t_consistency` and `p_consistency`.
#' @export
#'
#' @examples
#' t_from_summary("5.20", "1.10", 30, "4.50", "1.30", 30, t = "2.25", p = "< .05")
#' t_from_summary("5.5", "2.0", 25, test = "one_sample", mu = "5", t = "1.3")
t_from_summary <- function(m1, sd1, n1, m2 = NA, sd2 = NA, n2 = NA, test = "student",
                           mu = "0", t = NA, p = NA, alpha = 0.05,
                           rounding = "up_or_down", threshold = 5, symmetric = FALSE) {
  call <- sys.call()
  s <- p_settings(alpha, TRUE, FALSE, FALSE, rounding, threshold, symmetric, call)
  args <- recycled(list(
    m1 = m1, sd1 = sd1, n1 = n1, m2 = m2, sd2 = sd2, n2 = n2, test = test, mu = mu,
    t = t, p = p
  ), call)
  n2 <- args$n2
  n2[is.na(n2)] <- 0
  as.data.frame(core(t_summary_cases(
    reported(args$m1, "m1", call), reported(args$sd1, "sd1", call), counts(args$n1, "n1", call),
    cells(args$m2, "m2", call, TRUE), cells(args$sd2, "sd2", call, TRUE),
    counts(n2, "n2", call), cells(args$test, "test", call), reported(args$mu, "mu", call),
    cells(args$t, "t", call, TRUE), cells(args$p, "p", call), s
  ), call))
}

#' GRIM-U on every row of a data frame
#'
#' @param data A data frame with columns of reported U values, the group
#'   sizes and, optionally, reported p-values.
#' @param u,n1,n2,p Strings. Names of those columns; `NULL` means the role's
#'   own name. A missing `p` column leaves p untested.
#' @inheritParams grim_u
#'
#' @return `data` with the columns of [grim_u()] added.
#' @export
#'
#' @examples
#' grim_u_map(data.frame(u = c("23", "23.2"), n1 = 10, n2 = 10))
grim_u_map <- function(data, u = NULL, n1 = NULL, n2 = NULL, p = NULL, ties = TRUE,
                       alpha = 0.05, p_equal_alpha_significant = TRUE,
                       rounding = "up_or_down", threshold = 5, symmetric = FALSE) {
  call <- sys.call()
  cols <- frame_columns(data, list(u = u, n1 = n1, n2 = n2), call)
  p_values <- optional_column(data, p, "p")
  out <- grim_u(cols$u, cols$n1, cols$n2, p_values, ties = ties, alpha = alpha,
    p_equal_alpha_significant = p_equal_alpha_significant, rounding = rounding,
    threshold = threshold, symmetric = symmetric
  )
  cbind(data, out)
}

#' Rebuild the t-test of every row of a data frame
#'
#' @param data A data frame with columns `m1`, `sd1`, `n1`, and for
#'   two-sample tests `m2`, `sd2`, `n2`; optionally `t` and `p`.
#' @param m1,sd1,n1,m2,sd2,n2,t,p Strings. Names of those columns; `NULL`
#'   means the role's own name. Absent second-group columns (or `NA` cells)
#'   make a row a one-sample or paired test; absent `t` and `p` leave them
#'   untested.
#' @param test Character. The name of a column of test kinds, or one kind
#'   (`"student"`, `"welch"`, `"one_sample"`, `"paired"`) for every row.
#' @param mu Character. The name of a column, or one value for every row.
#' @inheritParams t_from_summary
#'
#' @return `data` with the columns of [t_from_summary()] added.
#' @export
#'
#' @examples
#' groups <- data.frame(
#'   m1 = "5.20", sd1 = "1.10", n1 = 30, m2 = "4.50", sd2 = "1.30", n2 = 30, t = "2.25"
#' )
#' t_from_summary_map(groups, test = "welch")
t_from_summary_map <- function(data, m1 = NULL, sd1 = NULL, n1 = NULL, m2 = NULL, sd2 = NULL,
                               n2 = NULL, t = NULL, p = NULL, test = "student", mu = "0",
                               alpha = 0.05, rounding = "up_or_down", threshold = 5,
                               symmetric = FALSE) {
  call <- sys.call()
  cols <- frame_columns(data, list(m1 = m1, sd1 = sd1, n1 = n1), call)
  per_row <- function(value) {
    if (is.character(value) && length(value) == 1 && value %in% names(data)) data[[value]] else value
  }
  out <- t_from_summary(cols$m1, cols$sd1, cols$n1,
    m2 = optional_column(data, m2, "m2"), sd2 = optional_column(data, sd2, "sd2"),
    n2 = optional_column(data, n2, "n2"), test = per_row(test), mu = per_row(mu),
    t = optional_column(data, t, "t"), p = optional_column(data, p, "p"),
    alpha = alpha, rounding = rounding, threshold = threshold, symmetric = symmetric
  )
  cbind(data, out)
}

# A column that may be absent: its values, or NA for every row.
optional_column <- function(data, given, role) {
  name <- if (is.null(given)) role else given
  if (name %in% names(data)) data[[name]] else rep(NA, nrow(data))
}
