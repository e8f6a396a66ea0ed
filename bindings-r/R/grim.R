#' The GRIM test: are reported means possible for integer data?
#'
#' A mean of `n` integer scores (each the sum of `items` integer items) is a
#' multiple of `1 / (n * items)`; the report is consistent if such a
#' multiple rounds to it. The decision is made with exact integer
#' arithmetic; `compat = "scrutiny"` replays R scrutiny 0.6.1 bit for bit.
#'
#' @param x Character. Reported means (or percentages) as written, so that
#'   trailing zeros count: `"5.20"` has two decimals. Numbers are accepted
#'   with a warning.
#' @param n Numeric. Sample sizes.
#' @param items Numeric. Number of integer items averaged into each score.
#' @param percent Logical. `x` is a percentage (tested as `x / 100`).
#' @param rounding String. One of scrutiny's rounding procedures:
#'   `"up_or_down"`, `"up_from_or_down_from"`, `"ceiling_or_floor"`, `"even"`,
#'   `"up"`, `"down"`, `"up_from"`, `"down_from"`, `"ceiling"`, `"floor"`,
#'   `"trunc"`, `"anti_trunc"`.
#' @param threshold Numeric. The digit from which `"up_from"` and
#'   `"down_from"` round.
#' @param symmetric Logical. Round negative numbers like their absolute
#'   values.
#' @param compat `NULL` for the exact answer, or `"scrutiny"`.
#'
#' @return A logical vector, `TRUE` where the report is consistent.
#' @export
#'
#' @examples
#' grim(x = "5.19", n = 28)
#' grim(x = "5.19", n = 32)
#' grim(x = "2.84", n = 16, items = 2)
#' grim(x = "71", n = 43, percent = TRUE)
grim <- function(x, n, items = 1, percent = FALSE, rounding = "up_or_down",
                 threshold = 5, symmetric = FALSE, compat = NULL) {
  call <- sys.call()
  grim_core(x, n, items, percent, rounding, threshold, symmetric, compat, call)$consistency
}

#' GRIM-test every row of a data frame
#'
#' @param data A data frame with a column of reported means and one of sample
#'   sizes. A column `items` is used where present.
#' @param items Numeric. Number of items where `data` has no `items` column.
#' @param x,n Strings. Names of the mean and sample-size columns; `NULL`
#'   means `"x"` and `"n"`.
#' @param show_rec Logical. Also add the interval each mean was rounded
#'   from: `x_lower`, `x_upper`, `x_incl_lower`, `x_incl_upper`.
#' @inheritParams grim
#'
#' @return `data` with two columns added: `consistency` and `probability`,
#'   the share of reports with these decimals that would be inconsistent with
#'   this `n`.
#' @export
#'
#' @examples
#' pigs <- data.frame(x = c("5.19", "5.19", "3.20"), n = c(28, 32, 18))
#' grim_map(pigs)
grim_map <- function(data, items = 1, percent = FALSE, x = NULL, n = NULL,
                     rounding = "up_or_down", threshold = 5, symmetric = FALSE,
                     compat = NULL, show_rec = FALSE) {
  call <- sys.call()
  cols <- frame_columns(data, list(x = x, n = n), call)
  if ("items" %in% names(data)) {
    items <- data$items
  }
  result <- grim_core(cols$x, cols$n, items, percent, rounding, threshold, symmetric, compat, call)
  data$consistency <- result$consistency
  data$probability <- result$probability
  if (setting(show_rec, "show_rec", "flag", call)) {
    r <- rounding_args(rounding, threshold, symmetric, compat, call)
    data <- add_intervals(data, "x", intervals_of(cols$x, "x", r, call))
  }
  data
}

grim_core <- function(x, n, items, percent, rounding, threshold, symmetric, compat, call) {
  r <- rounding_args(rounding, threshold, symmetric, compat, call)
  core(
    grim_columns(
      reported(x, "x", call), counts(n, "n", call), counts(items, "items", call),
      setting(percent, "percent", "flag", call), r$rounding, r$threshold, r$symmetric, r$compat
    ),
    call
  )
}

#' GRIM statistics: how many reports with these decimals are impossible?
#'
#' With `D` decimals there are `10^D` possible reports of a mean between two
#' integers; a mean of `n` scores over `items` items can take `n * items` of
#' them. `grim_total()` counts the rest, `grim_ratio()` gives them as a share
#' (negative when every report is possible), and `grim_probability()` is
#' that share but never below zero: the chance that a random report with
#' these decimals is GRIM-inconsistent; `grim_ratio_upper()` is the ratio
#' at `n = 1`, the largest any `n` gives. `grim_granularity()` is
#' `1 / (n * items)`, and `grim_items()` its inverse. As in scrutiny.
#'
#' @param gran Numeric. Granularities.
#' @inheritParams grim
#'
#' @return Numeric vectors (`grim_total()`: whole numbers).
#' @export
#' @rdname grim_stats
#'
#' @examples
#' grim_total("83.29", 21)
#' grim_ratio("5.1", 83)
#' grim_ratio_upper("5.14")
#' grim_probability("71", 43, percent = TRUE)
#' grim_granularity(20, items = 2)
#' grim_items(20, 0.025)
grim_total <- function(x, n, items = 1, percent = FALSE) {
  grim_stats(x, n, items, percent, sys.call())$total
}

#' @export
#' @rdname grim_stats
grim_ratio <- function(x, n, items = 1, percent = FALSE) {
  grim_stats(x, n, items, percent, sys.call())$ratio
}

#' @export
#' @rdname grim_stats
grim_probability <- function(x, n, items = 1, percent = FALSE) {
  grim_stats(x, n, items, percent, sys.call())$probability
}

#' @export
#' @rdname grim_stats
grim_ratio_upper <- function(x, percent = FALSE) {
  grim_stats(x, 1, 1, percent, sys.call())$ratio
}

#' @export
#' @rdname grim_stats
grim_granularity <- function(n, items = 1) {
  call <- sys.call()
  core(per_granule_columns(counts(n, "n", call), counts(items, "items", call), TRUE), call)$values
}

#' @export
#' @rdname grim_stats
grim_items <- function(n, gran) {
  call <- sys.call()
  out <- core(per_granule_columns(counts(n, "n", call), counts(gran, "gran", call), FALSE), call)$values
  whole <- abs(out - round(out)) < sqrt(.Machine$double.eps)
  if (!all(whole)) {
    warning(
      "item counts are whole numbers; ", paste(round(out[!whole], 3), collapse = ", "),
      " are not: check the `n` and `gran` values",
      call. = FALSE
    )
  }
  out
}

grim_stats <- function(x, n, items, percent, call) {
  core(grim_stats_columns(
    reported(x, "x", call), counts(n, "n", call), counts(items, "items", call),
    setting(percent, "percent", "flag", call)
  ), call)
}

#' The GRIM plot
#'
#' For each sample size (x axis) and each possible decimal part of a mean (y
#' axis), whether GRIM passes (shaded where it fails), with the reported
#' cases of `data` on top, consistent and not, as in scrutiny's
#' `grim_plot()` (drawn with base graphics).
#'
#' @param data A data frame with `x` and `n` (tested with [grim_map()] and
#'   these settings), or `NULL` for the background alone.
#' @param digits Decimals of the means (default: the most in `data`, or 2).
#' @param n_max The largest n drawn (default: the largest in `data` plus a
#'   fifth, at least 40).
#' @param items Items averaged into each score.
#' @param show_data,show_raster Logical. Draw the cases, the background.
#' @inheritParams grim
#'
#' @return `data` tested by [grim_map()] (invisibly), or `NULL`.
#' @export
#'
#' @examples
#' grim_plot(data.frame(x = c("5.19", "5.18", "3.27"), n = c(28, 28, 33)))
grim_plot <- function(data = NULL, digits = NULL, n_max = NULL, items = 1, show_data = TRUE,
                      show_raster = TRUE, rounding = "up_or_down", threshold = 5,
                      symmetric = FALSE, compat = NULL) {
  call <- sys.call()
  r <- rounding_args(rounding, threshold, symmetric, compat, call)
  tested <- NULL
  if (!is.null(data)) {
    tested <- grim_map(data, rounding = rounding, threshold = threshold, symmetric = symmetric, compat = compat)
    reports <- as.character(tested$x)
    if (is.null(digits)) digits <- max(decimal_places(reports), na.rm = TRUE)
    if (is.null(n_max)) n_max <- max(40, floor(max(tested$n) * 1.2))
  }
  if (is.null(digits)) digits <- 2
  if (is.null(n_max)) n_max <- 40
  steps <- 10^digits
  raster <- if (setting(show_raster, "show_raster", "flag", call)) {
    core(grim_raster_values(
      setting(digits, "digits", "number", call), setting(n_max, "n_max", "number", call),
      setting(items, "items", "number", call), r$rounding, r$threshold, r$symmetric, r$compat
    ), call)$values
  }
  graphics::plot(NULL,
    xlim = c(0.5, n_max + 0.5), ylim = c(0, 1), xaxs = "i", yaxs = "i",
    xlab = "sample size (n)", ylab = "decimal part of the mean",
    main = sprintf("GRIM: means with %d decimals (grey: impossible)", digits)
  )
  if (!is.null(raster)) {
    cells <- matrix(!raster, nrow = n_max, byrow = TRUE)
    graphics::image(seq_len(n_max), (seq_len(steps) - 0.5) / steps, cells * 1,
      col = c("white", "grey75"), add = TRUE, useRaster = TRUE
    )
  }
  if (!is.null(tested) && setting(show_data, "show_data", "flag", call)) {
    fraction <- as.numeric(reports) %% 1
    graphics::points(tested$n, fraction, pch = 19, col = ifelse(tested$consistency, "royalblue", "firebrick"))
    graphics::legend("topright", c("consistent", "inconsistent"), pch = 19, col = c("royalblue", "firebrick"), bg = "white")
  }
  invisible(tested)
}
