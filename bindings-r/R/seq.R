# Nearby values of reports and unknown group sizes: would a typo in the last
# digit, a slip of `n`, or another split of a total `n` explain an
# inconsistency? scrutiny's `*_map_seq`, `audit_seq`, `*_map_total_n`,
# `audit_total_n` and `disperse_total`.

# The value a limit is written as, or NULL.
limit_text <- function(value) {
  if (is.null(value)) NULL else as.character(value)
}

map_seq <- function(test, data, names, var, dispersion, out_min, out_max,
                    include_reported, include_consistent, settings, call) {
  columns <- vapply(names(names), function(role) if (is.null(names[[role]])) role else names[[role]], "")
  tested <- do.call(test, c(list(data), as.list(columns), settings))
  verdicts <- tested$consistency
  keep <- if (setting(include_consistent, "include_consistent", "flag", call)) {
    seq_len(nrow(tested))
  } else {
    which(!is.na(verdicts) & !verdicts)
  }
  cases <- tested[keep, , drop = FALSE]
  roles <- names(columns)
  varied <- if (is.null(var) || all(is.infinite(var))) roles else var
  if (!is.character(varied) || !all(varied %in% roles)) {
    ferrox_abort(paste0("`var` takes ", paste0('"', roles, '"', collapse = ", "), ", the reported statistics"), call)
  }
  v <- core(disperse_values(
    lapply(columns, function(name) column_values(cases[[name]])), match(varied, roles),
    as.double(dispersion), limit_text(out_min), limit_text(out_max),
    setting(include_reported, "include_reported", "flag", call)
  ), call)
  variants <- cases[v$case, , drop = FALSE]
  rownames(variants) <- NULL
  for (i in seq_along(roles)) {
    values <- v$columns[[i]]
    variants[[columns[[i]]]] <- if (roles[[i]] == "n") as.integer(values) else values
  }
  out <- do.call(test, c(list(variants), as.list(columns), settings))
  out$diff_var <- v$diff
  out$case <- v$case
  out$var <- unname(columns[v$var])
  out$case_consistency <- verdicts[keep][v$case]
  class(out) <- c("ferrox_map_seq", class(out))
  out
}

#' Plot the values near each report
#'
#' For a [grim_map_seq()] (or sibling) table: one panel per varied
#' statistic, one row per case, the steps from the report on the x axis;
#' consistent variants filled blue, inconsistent ones open red, the report
#' itself (step 0) a cross. A typo explains an inconsistency where a blue
#' dot sits a step or two from a red cross.
#'
#' @param x A table returned by [grim_map_seq()] and its siblings.
#' @param ... Passed to [graphics::plot()].
#'
#' @return `x`, invisibly.
#' @export
#'
#' @examples
#' plot(grim_map_seq(data.frame(x = c("5.19", "3.27"), n = c(28, 33))))
plot.ferrox_map_seq <- function(x, ...) {
  names <- unique(x$var)
  old <- graphics::par(mfrow = c(1, length(names)))
  on.exit(graphics::par(old))
  for (name in names) {
    rows <- x[x$var == name, , drop = FALSE]
    graphics::plot(rows$diff_var, rows$case,
      type = "n", xlab = "steps of the last digit from the report", ylab = "case",
      main = name, yaxt = "n", ...
    )
    graphics::axis(2, at = unique(rows$case))
    graphics::abline(v = 0, col = "grey")
    good <- !is.na(rows$consistency) & rows$consistency
    graphics::points(rows$diff_var[good], rows$case[good], pch = 19, col = "royalblue")
    graphics::points(rows$diff_var[!good], rows$case[!good], pch = 1, col = "firebrick")
    cases <- rows[!duplicated(rows$case), , drop = FALSE]
    graphics::points(rep(0, nrow(cases)), cases$case,
      pch = 4, col = ifelse(cases$case_consistency, "royalblue", "firebrick")
    )
  }
  invisible(x)
}

#' Test the values near each inconsistent report
#'
#' scrutiny's `grim_map_seq()`, `grimmer_map_seq()` and `debit_map_seq()`:
#' each reported statistic of each inconsistent row is moved by `dispersion`
#' steps of its last digit, one statistic at a time, and every variant is
#' tested by [grim_map()], [grimmer_map()] or [debit_map()]. A reader sees
#' whether a typo or a slip of `n` explains an inconsistency; [audit_seq()]
#' sums it up.
#'
#' @param data A data frame as the `*_map()` function takes it.
#' @param x,sd,n Column names of the reported statistics (`NULL`: their own
#'   names).
#' @param var Which statistics to vary, as names (`"x"`, `"sd"`, `"n"`);
#'   `Inf` for all.
#' @param dispersion Steps down and up from each report.
#' @param out_min The least value kept: `"auto"` (one step, so values stay
#'   positive), `NULL` or a number.
#' @param out_max The greatest value kept, or `NULL`.
#' @param include_reported Logical. Also test the report itself (step 0).
#' @param include_consistent Logical. Vary consistent reports too.
#' @param ... Passed to the `*_map()` function (`items`, `rounding`,
#'   `compat` ...).
#'
#' @return The tested variants, with `diff_var` (steps from the report),
#'   `case` (1 for the first varied report ...), `var` (the column varied) and
#'   `case_consistency` (the verdict on the report itself).
#' @export
#'
#' @examples
#' grim_map_seq(data.frame(x = "5.19", n = 28), dispersion = 1)
#' grimmer_map_seq(data.frame(x = "5.23", sd = "2.55", n = 35), var = "sd", dispersion = 1)
#' debit_map_seq(data.frame(x = "0.36", sd = "0.11", n = 25), var = "sd", dispersion = 38)
grim_map_seq <- function(data, x = NULL, n = NULL, var = Inf, dispersion = 1:5, out_min = "auto",
                         out_max = NULL, include_reported = FALSE, include_consistent = FALSE, ...) {
  map_seq(grim_map, data, list(x = x, n = n), var, dispersion, out_min, out_max,
    include_reported, include_consistent, list(...), sys.call())
}

#' @rdname grim_map_seq
#' @export
grimmer_map_seq <- function(data, x = NULL, sd = NULL, n = NULL, var = Inf, dispersion = 1:5,
                            out_min = "auto", out_max = NULL, include_reported = FALSE,
                            include_consistent = FALSE, ...) {
  map_seq(grimmer_map, data, list(x = x, sd = sd, n = n), var, dispersion, out_min, out_max,
    include_reported, include_consistent, list(...), sys.call())
}

#' @rdname grim_map_seq
#' @export
debit_map_seq <- function(data, x = NULL, sd = NULL, n = NULL, var = Inf, dispersion = 1:5,
                          out_min = "auto", out_max = NULL, include_reported = FALSE,
                          include_consistent = FALSE, ...) {
  map_seq(debit_map, data, list(x = x, sd = sd, n = n), var, dispersion, out_min, out_max,
    include_reported, include_consistent, list(...), sys.call())
}

#' Sum up a `*_map_seq()` table per case
#'
#' Like scrutiny's `audit_seq()`: the reported values, their `consistency`,
#' `hits_total` (consistent variants), `hits_<var>` per varied statistic, and
#' `diff_<var>`, `diff_<var>_up`, `diff_<var>_down`: the fewest steps to a
#' consistent variant either way, up and down (`NA` where there is none).
#'
#' @param data A data frame returned by [grim_map_seq()] and its siblings.
#'
#' @return A data frame with one row per case.
#' @export
#'
#' @examples
#' audit_seq(grim_map_seq(data.frame(x = "5.19", n = 28)))
audit_seq <- function(data) {
  call <- sys.call()
  cols <- frame_columns(data, list(case = NULL, var = NULL, diff_var = NULL, consistency = NULL, case_consistency = NULL), call)
  vars <- unique(as.character(cols$var))
  a <- core(audit_seq_values(
    as.integer(cols$case), as.character(cols$var), as.integer(cols$diff_var),
    as.logical(cols$consistency), vars
  ), call)
  first <- match(a$case, cols$case)
  reported <- names(data)[seq_len(match("consistency", names(data)) - 1)]
  out <- data[first, reported, drop = FALSE]
  rownames(out) <- NULL
  for (name in vars) {
    back <- ifelse(cols$var[first] == name, as.integer(cols$diff_var[first]), 0L)
    values <- core(undisperse_values(column_values(out[[name]]), back), call)$values
    out[[name]] <- if (is.numeric(data[[name]])) as.integer(values) else values
  }
  out$consistency <- cols$case_consistency[first]
  out$hits_total <- a$hits_total
  for (j in seq_along(vars)) {
    out[[paste0("hits_", vars[j])]] <- a$hits[[j]]
  }
  for (j in seq_along(vars)) {
    for (k in 1:3) {
      out[[paste0("diff_", vars[j], c("", "_up", "_down")[k])]] <- a$nearest[[j]][[k]]
    }
  }
  out
}

map_total_n <- function(test, data, groups, n, dispersion, n_min, n_max, settings, call) {
  pairs <- lapply(groups, function(pair) {
    lapply(frame_columns(data, list(a = pair[[1]], b = pair[[2]]), call), column_values)
  })
  total <- counts(frame_columns(data, list(n = n), call)$n, "n", call)
  s <- core(scenarios_values(
    pairs, total, as.double(dispersion), setting(n_min, "n_min", "number", call),
    if (is.null(n_max)) NULL else setting(n_max, "n_max", "number", call)
  ), call)
  frame <- as.data.frame(stats::setNames(s$columns, names(groups)), stringsAsFactors = FALSE)
  frame$n <- s$n
  out <- do.call(test, c(list(frame), settings))
  verdicts <- !is.na(out$consistency) & out$consistency
  both <- rep(verdicts[c(TRUE, FALSE)] & verdicts[c(FALSE, TRUE)], each = 2)
  out$n_change <- s$n_change
  out$both_consistent <- both
  out$case <- s$case
  out$dir <- ifelse(s$forth, "forth", "back")
  out
}

#' Test two groups whose sizes were not reported
#'
#' scrutiny's `grim_map_total_n()`, `grimmer_map_total_n()` and
#' `debit_map_total_n()`: when only the total `n` of two groups was reported,
#' every split from [disperse_total()] is tested, the smaller group first as
#' reported (`dir` "forth") and swapped ("back"), two rows per scenario.
#'
#' @param data A data frame with the groups' statistics and the total `n`.
#' @param x1,x2,sd1,sd2,n Their column names.
#' @inheritParams disperse_total
#' @param ... Passed to the `*_map()` function.
#'
#' @return The scenarios tested, with `n_change`, `both_consistent` (both
#'   groups of the scenario), `case` and `dir`.
#' @export
#'
#' @examples
#' grim_map_total_n(data.frame(x1 = "3.43", x2 = "5.28", n = 70), dispersion = 0:2)
grim_map_total_n <- function(data, x1 = "x1", x2 = "x2", n = "n", dispersion = 0:5,
                             n_min = 1, n_max = NULL, ...) {
  map_total_n(grim_map, data, list(x = c(x1, x2)), n, dispersion, n_min, n_max, list(...), sys.call())
}

#' @rdname grim_map_total_n
#' @export
grimmer_map_total_n <- function(data, x1 = "x1", x2 = "x2", sd1 = "sd1", sd2 = "sd2", n = "n",
                                dispersion = 0:5, n_min = 1, n_max = NULL, ...) {
  groups <- list(x = c(x1, x2), sd = c(sd1, sd2))
  map_total_n(grimmer_map, data, groups, n, dispersion, n_min, n_max, list(...), sys.call())
}

#' @rdname grim_map_total_n
#' @export
debit_map_total_n <- function(data, x1 = "x1", x2 = "x2", sd1 = "sd1", sd2 = "sd2", n = "n",
                              dispersion = 0:5, n_min = 1, n_max = NULL, ...) {
  groups <- list(x = c(x1, x2), sd = c(sd1, sd2))
  map_total_n(debit_map, data, groups, n, dispersion, n_min, n_max, list(...), sys.call())
}

#' Sum up a `*_map_total_n()` table per case
#'
#' Like scrutiny's `audit_total_n()`: the groups' reported values (`x1`,
#' `x2` ...) and total `n`, then `hits_total`, `hits_forth` and `hits_back`
#' (scenarios with both groups consistent), `scenarios_total` and `hit_rate`.
#'
#' @param data A data frame returned by [grim_map_total_n()] or a sibling.
#'
#' @return A data frame with one row per case.
#' @export
#'
#' @examples
#' audit_total_n(grim_map_total_n(data.frame(x1 = "3.43", x2 = "5.28", n = 70)))
audit_total_n <- function(data) {
  call <- sys.call()
  cols <- frame_columns(data, list(case = NULL, dir = NULL, consistency = NULL, n = NULL), call)
  a <- core(audit_total_n_values(
    as.integer(cols$case), cols$dir == "forth", !is.na(cols$consistency) & cols$consistency
  ), call)
  first <- match(a$case, cols$case)
  out <- data.frame(row.names = seq_along(first))
  for (name in names(data)[seq_len(match("n", names(data)) - 1)]) {
    out[[paste0(name, "1")]] <- data[[name]][first]
    out[[paste0(name, "2")]] <- data[[name]][first + 1]
  }
  out$n <- as.integer(cols$n[first] + cols$n[first + 1])
  out$hits_total <- a$hits_forth + a$hits_back
  out$hits_forth <- a$hits_forth
  out$hits_back <- a$hits_back
  out$scenarios_total <- a$scenarios
  out$hit_rate <- out$hits_total / out$scenarios_total
  out
}

#' Split a total sample size into two groups
#'
#' scrutiny's `disperse_total()`: from the even split (`n / 2` twice, or the
#' integers around an odd `n / 2`) outwards by each step of `dispersion`, one
#' row per group, while both groups stay within `n_min` and `n_max`.
#'
#' @param n Whole number. The total sample size.
#' @param dispersion Steps from the even split.
#' @param n_min,n_max The least and greatest group size (`n_max = NULL`: no
#'   limit).
#'
#' @return A data frame with `n` and `n_change` (the distance from the even
#'   split).
#' @export
#'
#' @examples
#' disperse_total(41, dispersion = 0:2)
disperse_total <- function(n, dispersion = 0:5, n_min = 1, n_max = NULL) {
  call <- sys.call()
  out <- core(disperse_total_values(
    setting(n, "n", "number", call), as.double(dispersion), setting(n_min, "n_min", "number", call),
    if (is.null(n_max)) NULL else setting(n_max, "n_max", "number", call)
  ), call)
  data.frame(n = out$n, n_change = out$n_change)
}
