#' The least and greatest SD on a bounded scale
#'
#' For a reported mean of `n` integer scores on a scale, the least and
#' greatest sample SD any such sample can have, exactly, and, with `sd`,
#' whether the reported SD can round from a value between them: rsprite2's
#' `boundary_test()`. Cheaper and weaker than [closure_exists()], which also
#' asks whether integers can make the SD and whether one sample has both; a
#' report `closure_exists()` accepts always passes here.
#'
#' @param x Character. Reported means, as written.
#' @param n Numeric. Sample sizes (at least 2).
#' @param scale_min,scale_max Numeric. The scale's least and greatest score
#'   per item. In `sd_bounds_map()`, numbers or the names of columns.
#' @param sd Character. Reported SDs; `NULL` for the bounds alone.
#' @param items Numeric. Items averaged into each score.
#' @inheritParams grim
#'
#' @return `sd_bounds()`: a data frame with `x`, `n`, `sd_min`, `sd_max` and,
#'   with `sd`, `sd` and `consistency`. The bounds are `NaN` where no sample
#'   has the mean (and `consistency` is then `FALSE`).
#' @export
#'
#' @examples
#' sd_bounds("4.00", 20, 1, 7, sd = c("1.5", "3.5"))
#' sd_bounds("4.00", 20, 1, 7)
sd_bounds <- function(x, n, scale_min, scale_max, sd = NULL, items = 1,
                      rounding = "up_or_down", threshold = 5, symmetric = FALSE) {
  call <- sys.call()
  x <- reported(x, "x", call)
  if (!is.null(sd)) {
    sd <- reported(sd, "sd", call)
  }
  result <- sd_bounds_core(x, sd, n, items, scale_min, scale_max, rounding, threshold, symmetric, call)
  rows <- length(result$sd_min)
  out <- data.frame(
    x = rep_len(as.character(x), rows), n = rep_len(n, rows),
    sd_min = result$sd_min, sd_max = result$sd_max, stringsAsFactors = FALSE
  )
  if (!is.null(sd)) {
    out$sd <- rep_len(as.character(sd), rows)
    out$consistency <- result$consistency
  }
  out
}

#' @rdname sd_bounds
#' @param data A data frame with columns `x`, `n` and optionally `sd` and
#'   `items` (other names through `x`, `sd`, `n`).
#' @return `sd_bounds_map()`: `data` with `sd_min`, `sd_max` and, if it has
#'   SDs, `consistency`.
#' @export
#'
#' @examples
#' table <- data.frame(x = c("4.00", "4.00"), sd = c("1.5", "3.5"), n = 20)
#' sd_bounds_map(table, 1, 7)
sd_bounds_map <- function(data, scale_min, scale_max, items = 1, x = NULL, sd = NULL, n = NULL,
                          rounding = "up_or_down", threshold = 5, symmetric = FALSE) {
  call <- sys.call()
  cols <- frame_columns(data, list(x = x, n = n), call)
  sd_name <- if (is.null(sd)) "sd" else sd
  sds <- if (sd_name %in% names(data)) data[[sd_name]] else NULL
  if (!is.null(sd) && is.null(sds)) {
    ferrox_abort(paste0("`data` has no column `", sd, "`"), call)
  }
  if ("items" %in% names(data)) {
    items <- data$items
  }
  end <- function(value) if (is.character(value)) frame_columns(data, list(v = value), call)$v else value
  result <- sd_bounds_core(
    reported(cols$x, "x", call), if (is.null(sds)) NULL else reported(sds, "sd", call),
    cols$n, items, end(scale_min), end(scale_max), rounding, threshold, symmetric, call
  )
  data$sd_min <- result$sd_min
  data$sd_max <- result$sd_max
  if (!is.null(sds)) {
    data$consistency <- result$consistency
  }
  data
}

sd_bounds_core <- function(x, sd, n, items, scale_min, scale_max, rounding, threshold, symmetric, call) {
  r <- rounding_args(rounding, threshold, symmetric, NULL, call)
  core(sd_bounds_columns(
    x, sd, counts(n, "n", call), counts(items, "items", call),
    counts(scale_min, "scale_min", call), counts(scale_max, "scale_max", call),
    r$rounding, r$threshold, r$symmetric
  ), call)
}
