#' Summarise a tested table
#'
#' Like scrutiny's `audit()`; the kind of table is told by its columns.
#' A [grim_map()], [grimmer_map()] or [debit_map()] table gives one row:
#' `incons_cases`, `all_cases` and `incons_rate`; GRIM adds
#' `mean_grim_prob`, `incons_to_prob`, `testable_cases` and
#' `testable_rate`; GRIMMER counts failures per stage (`fail_grim`,
#' `fail_test1` ... `fail_test3`); DEBIT counts `na_cases`. A `*_map_seq()`
#' table gives [audit_seq()], a `*_map_total_n()` table [audit_total_n()].
#' A [duplicate_count()], [duplicate_count_colpair()] or [duplicate_tally()]
#' table gives one row per numeric column (`term`, `mean`, `sd`, `median`,
#' `min`, `max`, `na_count`, `na_rate`), and for a tally a `.total` row over
#' all its counts, whose `na_rate` is a share of all its cells (scrutiny
#' divides by the rows).
#'
#' @param data A data frame returned by one of those functions.
#'
#' @return A data frame.
#' @export
#'
#' @examples
#' audit(grim_map(data.frame(x = c("5.19", "5.19"), n = c(28, 32))))
#' audit(duplicate_count(data.frame(a = c("1", "2", "1"), b = c("2", "3", "1"))))
audit <- function(data) {
  call <- sys.call()
  if (!is.data.frame(data)) {
    ferrox_abort("`data` must be a data frame", call)
  }
  audited <- core(audit_kind(names(data)), call)
  if (audited$kind == "seq") {
    return(audit_seq(data))
  }
  if (audited$kind == "total_n") {
    return(audit_total_n(data))
  }
  if (startsWith(audited$kind, "duplicate")) {
    terms <- names(data)[audited$summarised]
    rows <- core(duplicate_audit(names(data), terms, lapply(data[terms], as.double)), call)
    return(as.data.frame(rows, stringsAsFactors = FALSE))
  }
  consistency <- frame_columns(data, list(consistency = NULL), call)$consistency
  # Verdicts go over as text, read by the core's one rule for yes/no cells
  # (TRUE/FALSE or 1/0 in any spelling, NA), as in Python.
  verdicts <- ifelse(is.na(consistency), "NA", as.character(consistency))
  stats <- core(switch(audited$kind,
    grimmer = grimmer_audit(as.character(data$reason)),
    grim = grim_audit(verdicts, as.double(data$probability)),
    debit_audit(verdicts)
  ), call)
  as.data.frame(as.list(stats::setNames(stats$values, stats$names)))
}

#' Count decimal places as reported
#'
#' @param x Character. Reported numbers, as written: `"5.20"` has 2 decimal
#'   places. Numbers are accepted with a warning (trailing zeros are lost).
#'
#' @return An integer vector, `NA` where `x` is `NA`.
#' @export
#'
#' @examples
#' decimal_places(c("2.80", "9.0", "37", NA))
decimal_places <- function(x) {
  call <- sys.call()
  if (is.numeric(x) && anyNA(x)) {
    places <- rep(NA_integer_, length(x))
    places[!is.na(x)] <- decimal_places(x[!is.na(x)])
    return(places)
  }
  core(decimal_places_column(reported(x, "x", call)), call)$places
}

# The text before and inside a pair of separators, per cell; with `whole`,
# every present cell must have the pair.
parens_parts <- function(x, sep, call, whole = FALSE) {
  if (!is.character(sep) || !length(sep) %in% 1:2 || anyNA(sep)) {
    ferrox_abort('`sep` must be "parens", "brackets", "braces" or two strings', call)
  }
  core(parens_cells(column_values(x), sep, whole), call)
}

#' The text before or inside parentheses
#'
#' scrutiny's `before_parens()` and `inside_parens()`: `"5.20"` and `"1.43"`
#' from `"5.20 (1.43)"`. A cell without the pair is kept whole by
#' `before_parens()` and is `NA` for `inside_parens()`; with several pairs,
#' the last is read.
#'
#' @param string Character. Cells.
#' @param sep `"parens"`, `"brackets"`, `"braces"` (or their opening character),
#'   or two strings such as `c("<", ">")`.
#'
#' @return A character vector.
#' @export
#'
#' @examples
#' before_parens(c("5.20 (1.43)", "2.1 [0.3]"))
#' inside_parens("2.65 <0.27>", sep = c("<", ">"))
before_parens <- function(string, sep = "parens") {
  parens_parts(string, sep, sys.call())$before
}

#' @rdname before_parens
#' @export
inside_parens <- function(string, sep = "parens") {
  parens_parts(string, sep, sys.call())$inside
}

#' Split "M (SD)" cells into two values
#'
#' scrutiny's `split_by_parens()`, also called `split_parens()`: cells like
#' `"5.20 (1.43)"` split into the two values, as written, so that trailing
#' zeros still count. Each column `c` of a data frame becomes `c_x` and
#' `c_sd` (suffixes from `end1` and `end2`). A character vector gives a data
#' frame of the two columns, and then every cell must have the pair.
#'
#' @param data A data frame, or a character vector of cells.
#' @param cols Character. Columns to split; `NULL` for all.
#' @param check_sep Logical. Split only columns whose every cell has the
#'   pair, with a warning naming the others.
#' @param keep Logical. Keep the original columns too.
#' @param transform Logical. Stack the split columns into `.origin`, `x` and
#'   `sd` (every column must be split and `keep` be `FALSE`).
#' @inheritParams before_parens
#' @param end1,end2 Suffixes of the new columns (for a vector, their names).
#'
#' @return A data frame.
#' @export
#'
#' @examples
#' split_parens(c("5.20 (1.43)", "3.1 (0.90)"))
#' table <- data.frame(pos = c("0.09 (0.21)", "0.19 (0.13)"), neg = c("2.05 (0.41)", "2.13 (0.19)"))
#' split_by_parens(table)
#' split_by_parens(table, transform = TRUE)
split_by_parens <- function(data, cols = NULL, check_sep = TRUE, keep = FALSE, transform = FALSE,
                            sep = "parens", end1 = "x", end2 = "sd") {
  call <- sys.call()
  end1 <- setting(end1, "end1", "string", call)
  if (identical(setting(end2, "end2", "string", call), end1)) {
    ferrox_abort('`end1` and `end2` must be two different suffixes, as in "x" and "sd"', call)
  }
  if (is.character(data)) {
    parts <- parens_parts(data, sep, call, whole = TRUE)
    return(stats::setNames(data.frame(parts$before, parts$inside, stringsAsFactors = FALSE), c(end1, end2)))
  }
  if (!is.data.frame(data)) {
    ferrox_abort("`data` must be a data frame or a character vector", call)
  }
  names <- if (is.null(cols)) names(data) else cols
  parts <- lapply(stats::setNames(nm = names), function(name) {
    parens_parts(frame_columns(data, list(v = name), call)$v, sep, call)
  })
  complete <- vapply(parts, function(p) all(!is.na(p$inside) | is.na(p$before)), TRUE)
  if (setting(check_sep, "check_sep", "flag", call) && !all(complete)) {
    warning("columns without the separators were not split: ", paste(names[!complete], collapse = ", "), call. = FALSE)
    parts <- parts[complete]
  }
  if (setting(transform, "transform", "flag", call)) {
    others <- setdiff(names(data), names(parts))
    if (setting(keep, "keep", "flag", call) || length(others) > 0) {
      ferrox_abort(paste0(
        "`transform` stacks the split columns, so it needs `keep = FALSE` and every column split; ",
        "these are not: ", paste(others, collapse = ", ")
      ), call)
    }
    origins <- sort(names(parts))
    out <- data.frame(.origin = rep(origins, vapply(parts[origins], function(p) length(p$before), 1L)))
    out[[end1]] <- unlist(lapply(parts[origins], `[[`, "before"), use.names = FALSE)
    out[[end2]] <- unlist(lapply(parts[origins], `[[`, "inside"), use.names = FALSE)
    return(out)
  }
  split <- list()
  for (name in names(parts)) {
    split[[paste0(name, "_", end1)]] <- parts[[name]]$before
    split[[paste0(name, "_", end2)]] <- parts[[name]]$inside
  }
  rest <- if (setting(keep, "keep", "flag", call)) data else data[setdiff(names(data), names(parts))]
  cbind(as.data.frame(split, stringsAsFactors = FALSE, optional = TRUE), rest)
}

#' @rdname split_by_parens
#' @export
split_parens <- split_by_parens

is_seq <- function(x, pattern, from, test_linear, call) {
  if (is.factor(x)) x <- as.character(x)
  if (!is.numeric(x) && !is.character(x) && !all(is.na(x))) {
    return(FALSE)
  }
  values <- if (is.numeric(x) || all(is.na(x))) as.double(x) else x
  from <- if (is.null(from)) NULL else as.character(setting(from, "from", if (is.character(from)) "string" else "number", call))
  core(is_seq_value(values, pattern, from, setting(test_linear, "test_linear", "flag", call)), call)$value
}

#' Is a vector a regular sequence?
#'
#' scrutiny's sequence predicates, exact: `is_seq_linear()` asks whether
#' every step between neighbours is the same size, up or down;
#' `is_seq_ascending()` and `is_seq_descending()` whether the values rise or
#' fall strictly (with `test_linear`, in even steps); `is_seq_dispersed()`
#' whether an odd number of values spread evenly around `from`, the middle
#' one. `NA` where missing values leave it open (a gap with fewer than three
#' known values, or one that steps of the size seen can bridge); text that is
#' not a number gives `FALSE`. Where scrutiny fills a gap only with steps of
#' the last digit (`c(10, 20, 30, NA, 50)` is `FALSE` there), this answers
#' `NA`.
#'
#' @param x Numbers or strings.
#' @param from The value the sequence is dispersed around.
#' @param test_linear Logical. Also require even steps.
#'
#' @return `TRUE`, `FALSE` or `NA`.
#' @export
#'
#' @examples
#' is_seq_linear(c(1.5, 2, 2.5))
#' is_seq_linear(c(1, NA, 3, 4))
#' is_seq_ascending(c(1, 2, 4), test_linear = FALSE)
#' is_seq_descending(c(5, 4, NA, 2, 1))
#' is_seq_dispersed(3:7, from = 5)
is_seq_linear <- function(x) {
  is_seq(x, "linear", NULL, TRUE, sys.call())
}

#' @rdname is_seq_linear
#' @export
is_seq_ascending <- function(x, test_linear = TRUE) {
  is_seq(x, "ascending", NULL, test_linear, sys.call())
}

#' @rdname is_seq_linear
#' @export
is_seq_descending <- function(x, test_linear = TRUE) {
  is_seq(x, "descending", NULL, test_linear, sys.call())
}

#' @rdname is_seq_linear
#' @export
is_seq_dispersed <- function(x, from, test_linear = TRUE) {
  is_seq(x, "dispersed", from, test_linear, sys.call())
}
