# Values repeated within and across the columns of a table: scrutiny's
# duplicate_count(), duplicate_tally() and duplicate_count_colpair().

# The table's columns as the core reads them, and the ignored values.
table_values <- function(data, ignore, call) {
  if (!is.data.frame(data)) {
    ferrox_abort("`data` must be a data frame", call)
  }
  columns <- lapply(data, column_values)
  list(columns = unname(columns), ignore = as.character(ignore))
}

#' Count repeated values in a table
#'
#' scrutiny's `duplicate_count()`, `duplicate_tally()` and
#' `duplicate_count_colpair()`. Values are compared as text (numbers as their
#' shortest decimals); `NA` and the values in `ignore` are skipped.
#' `duplicate_count()` lists every value with its `frequency` and the columns
#' it occurs in (`locations`, `locations_n`), most frequent first.
#' `duplicate_tally()` adds `<column>_n` after each column: how often each
#' cell's value occurs in the table (scrutiny 0.6.1 adds one for every `NA`
#' of the table; these are the counts themselves).
#' `duplicate_count_colpair()` gives, for every pair of columns, how many of
#' `x`'s values occur in `y` (`count`, most first), and with `show_rates`
#' `total_x`, `total_y`, `rate_x` and `rate_y`.
#'
#' @param data A data frame.
#' @param ignore Values to leave out.
#' @param show_rates Logical. Add the totals and rates.
#'
#' @return A data frame.
#' @export
#'
#' @examples
#' table <- data.frame(a = c("1.2", "3.4", "1.2"), b = c("3.4", "7.7", "1.2"))
#' duplicate_count(table)
#' duplicate_tally(table)
#' duplicate_count_colpair(table)
duplicate_count <- function(data, ignore = NULL) {
  call <- sys.call()
  t <- table_values(data, ignore, call)
  out <- core(duplicate_count_values(t$columns, t$ignore), call)
  data.frame(
    value = out$value, frequency = as.integer(out$frequency),
    locations = vapply(out$locations, function(l) paste(names(data)[l], collapse = ", "), ""),
    locations_n = vapply(out$locations, length, 1L), stringsAsFactors = FALSE
  )
}

#' @rdname duplicate_count
#' @export
duplicate_tally <- function(data, ignore = NULL) {
  call <- sys.call()
  t <- table_values(data, ignore, call)
  tally <- core(duplicate_tally_values(t$columns, t$ignore), call)$columns
  out <- data[0]
  for (i in seq_along(data)) {
    out[[names(data)[i]]] <- data[[i]]
    out[[paste0(names(data)[i], "_n")]] <- tally[[i]]
  }
  out
}

#' @rdname duplicate_count
#' @export
duplicate_count_colpair <- function(data, ignore = NULL, show_rates = TRUE) {
  call <- sys.call()
  t <- table_values(data, ignore, call)
  p <- core(duplicate_colpair_values(t$columns, t$ignore), call)
  out <- data.frame(x = names(data)[p$x], y = names(data)[p$y], count = as.integer(p$count), stringsAsFactors = FALSE)
  if (setting(show_rates, "show_rates", "flag", call)) {
    out$total_x <- as.integer(p$total_x)
    out$total_y <- as.integer(p$total_y)
    out$rate_x <- p$count / p$total_x
    out$rate_y <- p$count / p$total_y
  }
  out
}
