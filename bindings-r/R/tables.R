#' Summarise a tested table in one row
#'
#' Like scrutiny's `audit()`. Every summary has `incons_cases`, `all_cases`
#' and `incons_rate`. A [grim_map()] table adds `mean_grim_prob`,
#' `incons_to_prob`, `testable_cases` and `testable_rate`; a [grimmer_map()]
#' table counts failures per stage (`fail_grim`, `fail_test1` ...
#' `fail_test3`); a [debit_map()] table counts `na_cases`.
#'
#' @param data A data frame returned by `grim_map()`, `grimmer_map()` or
#'   `debit_map()`.
#'
#' @return A one-row data frame.
#' @export
#'
#' @examples
#' audit(grim_map(data.frame(x = c("5.19", "5.19"), n = c(28, 32))))
audit <- function(data) {
  call <- sys.call()
  consistency <- frame_columns(data, list(consistency = NULL), call)$consistency
  # Verdicts go over as text, read by the core's one rule for yes/no cells
  # (TRUE/FALSE or 1/0 in any spelling, NA), as in Python.
  verdicts <- ifelse(is.na(consistency), "NA", as.character(consistency))
  stats <- core(if ("reason" %in% names(data)) {
    grimmer_audit(as.character(data$reason))
  } else if ("probability" %in% names(data)) {
    grim_audit(verdicts, as.double(data$probability))
  } else {
    debit_audit(verdicts)
  }, call)
  as.data.frame(as.list(stats::setNames(stats$values, stats$names)))
}

#' Split "M (SD)" cells into two values
#'
#' Tables often give a mean with its SD in parentheses: `"5.20 (1.43)"`.
#' This splits such cells into the two values, as written, so that trailing
#' zeros still count. Square brackets work too.
#'
#' @param data A character vector of cells, or a data frame.
#' @param column String. For a data frame, the column holding the cells.
#' @param into Character of length 2. Names of the two new columns.
#'
#' @return A data frame: the two columns for a vector, or `data` with them
#'   added.
#' @export
#'
#' @examples
#' split_parens(c("5.20 (1.43)", "3.1 (0.90)"))
#' table <- data.frame(cell = "5.20 (1.43)", n = 20)
#' split_parens(table, "cell")
split_parens <- function(data, column = NULL, into = c("x", "sd")) {
  call <- sys.call()
  if (!is.character(into) || length(into) != 2 || anyNA(into) || into[1] == into[2]) {
    ferrox_abort('`into` must be two different column names, as in c("x", "sd")', call)
  }
  if (is.data.frame(data)) {
    cells <- frame_columns(data, list(cells = setting(column, "column", "string", call)), call)$cells
  } else if (is.character(data)) {
    cells <- data
    data <- NULL
  } else {
    ferrox_abort("`data` must be a character vector or a data frame", call)
  }
  parts <- core(split_parens_cells(as.character(cells)), call)
  if (is.null(data)) {
    data <- data.frame(row.names = seq_along(cells))
  }
  data[[into[1]]] <- parts$x
  data[[into[2]]] <- parts$sd
  data
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
