#' The DEBIT test: are a reported mean and SD possible for binary data?
#'
#' With `k` ones among `n` values the mean is `k / n` and the SD is fixed by
#' it; exact mode asks whether some `k` gives both reports.
#' `compat = "scrutiny"` replays R scrutiny 0.6.1, which skips the mean's
#' granularity and only rounds the SDs of the mean interval's two ends.
#'
#' @param x Character. Reported means (shares of ones), between 0 and 1.
#' @param sd Character. Reported sample SDs, between 0 and 1.
#' @param n Numeric. Sample sizes.
#' @inheritParams grim
#'
#' @return A logical vector; `NA` where scrutiny gives `NA`.
#' @export
#'
#' @examples
#' debit(x = "0.36", sd = "0.11", n = 20)
#' debit(x = "0.5", sd = "0.53", n = 10)
#' debit(x = "0.5", sd = "0.53", n = 10, compat = "scrutiny")
debit <- function(x, sd, n, rounding = "up_or_down", threshold = 5, symmetric = FALSE, compat = NULL) {
  debit_core(x, sd, n, rounding, threshold, symmetric, compat, sys.call())$consistency
}

#' DEBIT-test every row of a data frame
#'
#' @param data A data frame with columns of reported means, SDs and sample
#'   sizes.
#' @param x,sd,n Strings. Names of those columns; `NULL` means `"x"`, `"sd"`
#'   and `"n"`.
#' @param show_rec Logical. Also add the intervals each mean and SD were
#'   rounded from: `x_lower` ... `sd_incl_upper`.
#' @inheritParams debit
#'
#' @return `data` with `consistency` added.
#' @export
#'
#' @examples
#' table <- data.frame(x = c("0.36", "0.5"), sd = c("0.11", "0.53"), n = c(20, 10))
#' debit_map(table, show_rec = TRUE)
debit_map <- function(data, x = NULL, sd = NULL, n = NULL, rounding = "up_or_down",
                      threshold = 5, symmetric = FALSE, compat = NULL, show_rec = FALSE) {
  call <- sys.call()
  cols <- frame_columns(data, list(x = x, sd = sd, n = n), call)
  result <- debit_core(cols$x, cols$sd, cols$n, rounding, threshold, symmetric, compat, call)
  data$consistency <- result$consistency
  if (setting(show_rec, "show_rec", "flag", call)) {
    data <- add_intervals(data, "x", result$x)
    data <- add_intervals(data, "sd", result$sd)
  }
  data
}

debit_core <- function(x, sd, n, rounding, threshold, symmetric, compat, call) {
  r <- rounding_args(rounding, threshold, symmetric, compat, call)
  core(
    debit_columns(
      reported(x, "x", call), reported(sd, "sd", call), counts(n, "n", call),
      r$rounding, r$threshold, r$symmetric, r$compat
    ),
    call
  )
}

#' Standard deviations of binary data
#'
#' The sample SD of binary (0/1) data from the sizes of its two groups, from
#' one group and the total, or from the mean (the share of ones) and the
#' total, as in scrutiny. Counts must be whole numbers, groups no larger
#' than `n`, and means between 0 and 1; anything else is a `ferrox_error`
#' (scrutiny returns `NaN`).
#'
#' @param group_0,group_1 Numeric. Numbers of zeros and of ones.
#' @param n Numeric. Sample sizes.
#' @param mean Numeric. Means of the binary data.
#'
#' @return A numeric vector of SDs.
#' @export
#' @rdname sd_binary
#'
#' @examples
#' sd_binary_groups(3, 3)
#' sd_binary_0_n(3, 6)
#' sd_binary_1_n(c(0, 6), 6)
#' sd_binary_mean_n(0.5, 6)
sd_binary_groups <- function(group_0, group_1) {
  sd_binary_call("groups", group_0, group_1, c("group_0", "group_1"), sys.call())
}

#' @export
#' @rdname sd_binary
sd_binary_0_n <- function(group_0, n) {
  sd_binary_call("group_of_n", group_0, n, c("group_0", "n"), sys.call())
}

#' @export
#' @rdname sd_binary
sd_binary_1_n <- function(group_1, n) {
  sd_binary_call("group_of_n", group_1, n, c("group_1", "n"), sys.call())
}

#' @export
#' @rdname sd_binary
sd_binary_mean_n <- function(mean, n) {
  sd_binary_call("mean_of_n", mean, n, c("mean", "n"), sys.call())
}

sd_binary_call <- function(what, first, second, names, call) {
  core(sd_binary_columns(
    what, counts(first, names[[1]], call), counts(second, names[[2]], call)
  ), call)$sd
}

#' The DEBIT plot
#'
#' The SD that binary data of each mean must have (a curve per sample size,
#' from [sd_binary_mean_n()]), and each case as the box of means and SDs
#' that round to its report, coloured by its verdict (as scrutiny's
#' `debit_plot()`, drawn with base graphics).
#'
#' @inheritParams debit_map
#'
#' @return `data` tested by [debit_map()] with `show_rec = TRUE`, invisibly.
#' @export
#'
#' @examples
#' debit_plot(data.frame(x = c("0.36", "0.5"), sd = c("0.11", "0.53"), n = c(20, 10)))
debit_plot <- function(data, x = NULL, sd = NULL, n = NULL, rounding = "up_or_down",
                       threshold = 5, symmetric = FALSE, compat = NULL) {
  tested <- debit_map(data,
    x = x, sd = sd, n = n, rounding = rounding, threshold = threshold,
    symmetric = symmetric, compat = compat, show_rec = TRUE
  )
  graphics::plot(NULL,
    xlim = c(0, 1), ylim = c(0, 0.75), xlab = "mean (share of ones)", ylab = "SD",
    main = "DEBIT: reports against the SD binary data must have"
  )
  means <- seq(0, 1, length.out = 401)
  sizes <- utils::head(sort(unique(tested[[if (is.null(n)) "n" else n]])), 6)
  for (size in sizes) {
    graphics::lines(means, sd_binary_mean_n(means, size), col = "grey50")
  }
  colour <- ifelse(is.na(tested$consistency), "grey", ifelse(tested$consistency, "royalblue", "firebrick"))
  graphics::rect(tested$x_lower, tested$sd_lower, tested$x_upper, tested$sd_upper, col = colour, border = colour)
  invisible(tested)
}
