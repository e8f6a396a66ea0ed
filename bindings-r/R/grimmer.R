#' The GRIMMER test: are a reported mean and SD possible for integer data?
#'
#' Exact mode (the default) checks every sum GRIM allows: is there an
#' integer sum of squares whose SD rounds to the report (test 1), with the
#' parity of its sum (test 2), that some sample of integers actually has
#' (test 3; on the scale when `scale_min` and `scale_max` are given)?
#' `compat = "scrutiny"` replays R scrutiny 0.6.1, which tries a single sum
#' and whose test 3 is a parity check.
#'
#' @param sd Character. Reported sample SDs, as written.
#' @param scale_min,scale_max Numeric. The lowest and highest possible score,
#'   when known: the SD must then also be reachable on the scale.
#' @param show_reason Logical. Return a data frame with `consistency` and
#'   `reason` (`"Passed all"`, `"GRIM inconsistent"` or
#'   `"GRIMMER inconsistent (test k)"`) instead of a logical vector.
#' @inheritParams grim
#'
#' @return A logical vector, or with `show_reason` a data frame.
#' @export
#'
#' @examples
#' grimmer(x = "5.23", sd = "2.55", n = 35)
#' grimmer(x = "3.6", sd = "1.99", n = 40, show_reason = TRUE)
#' grimmer(x = "3.6", sd = "1.99", n = 40, compat = "scrutiny", show_reason = TRUE)
#' grimmer(x = "3.0", sd = "2.16", n = 10, scale_min = 1, scale_max = 5)
grimmer <- function(x, sd, n, items = 1, scale_min = NULL, scale_max = NULL,
                    rounding = "up_or_down", threshold = 5, symmetric = FALSE,
                    compat = NULL, show_reason = FALSE) {
  call <- sys.call()
  result <- grimmer_core(x, sd, n, items, scale_min, scale_max, rounding, threshold, symmetric, compat, call)
  if (setting(show_reason, "show_reason", "flag", call)) {
    return(data.frame(consistency = result$consistency, reason = result$reason))
  }
  result$consistency
}

#' GRIMMER-test every row of a data frame
#'
#' @param data A data frame with columns of reported means, SDs and sample
#'   sizes. A column `items` is used where present.
#' @param x,sd,n Strings. Names of the mean, SD and sample-size columns;
#'   `NULL` means `"x"`, `"sd"` and `"n"`.
#' @param show_rec Logical. Also add the intervals each mean and SD were
#'   rounded from: `x_lower` ... `sd_incl_upper`.
#' @inheritParams grimmer
#'
#' @return `data` with `consistency` and `reason` added.
#' @export
#'
#' @examples
#' table <- data.frame(x = c("5.23", "5.23", "3.6"), sd = c("2.55", "2.55", "1.99"), n = c(35, 31, 40))
#' grimmer_map(table)
grimmer_map <- function(data, items = 1, scale_min = NULL, scale_max = NULL,
                        x = NULL, sd = NULL, n = NULL, rounding = "up_or_down",
                        threshold = 5, symmetric = FALSE, compat = NULL,
                        show_rec = FALSE) {
  call <- sys.call()
  cols <- frame_columns(data, list(x = x, sd = sd, n = n), call)
  if ("items" %in% names(data)) {
    items <- data$items
  }
  result <- grimmer_core(
    cols$x, cols$sd, cols$n, items, scale_min, scale_max, rounding, threshold, symmetric, compat, call
  )
  data$consistency <- result$consistency
  data$reason <- result$reason
  if (setting(show_rec, "show_rec", "flag", call)) {
    r <- rounding_args(rounding, threshold, symmetric, compat, call)
    data <- add_intervals(data, "x", intervals_of(cols$x, "x", r, call))
    data <- add_intervals(data, "sd", intervals_of(cols$sd, "sd", r, call))
  }
  data
}

grimmer_core <- function(x, sd, n, items, scale_min, scale_max, rounding, threshold, symmetric, compat, call) {
  r <- rounding_args(rounding, threshold, symmetric, compat, call)
  core(
    grimmer_columns(
      reported(x, "x", call), reported(sd, "sd", call), counts(n, "n", call), counts(items, "items", call),
      scale_end(scale_min, "scale_min", call), scale_end(scale_max, "scale_max", call),
      r$rounding, r$threshold, r$symmetric, r$compat
    ),
    call
  )
}
