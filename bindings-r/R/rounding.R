# Rounding, forwards and backwards: scrutiny's rounding toolbox. Every
# function rounds the decimal as written ("2.675" is a tie); `compat =
# "scrutiny"` replays scrutiny 0.6.1's doubles instead.

# Values to round: numbers as doubles, text as text.
rounding_values <- function(x, call) {
  if (is.factor(x)) {
    x <- as.character(x)
  }
  if (is.numeric(x) || is.logical(x) && all(is.na(x))) {
    return(as.double(x))
  }
  if (!is.character(x)) {
    ferrox_abort("`x` must be numbers or strings", call)
  }
  x
}

# The core's doubles, with R's NA where a value was missing.
with_na <- function(values) {
  values[is.nan(values)] <- NA_real_
  values
}

#' Round by a named procedure
#'
#' scrutiny's `reround()`: rounds `x` to `digits` decimals by one of the
#' twelve rounding procedures. A pair procedure (`"up_or_down"`,
#' `"up_from_or_down_from"`, `"ceiling_or_floor"`) gives both of its results
#' for each value, one after the other. Strings are rounded as written, so
#' `"2.675"` is a tie, which a double cannot hold.
#'
#' @param x Numbers or strings.
#' @param digits Whole number of decimals, one for all values or one per
#'   value; negative rounds to tens, hundreds and so on.
#' @param rounding String. The procedure, as in [grim()].
#' @param threshold Number from which `*_from` procedures round up.
#' @param symmetric Logical. Round negative numbers as their absolute values.
#' @param compat `NULL` for exact results, or `"scrutiny"` to replay
#'   scrutiny 0.6.1's doubles.
#'
#' @return A double vector, `NA` where `x` is `NA`.
#' @export
#'
#' @examples
#' reround("2.675", 2, rounding = "up")
#' reround(0.125, 2)
reround <- function(x, digits = 0L, rounding = "up_or_down", threshold = 5,
                    symmetric = FALSE, compat = NULL) {
  call <- sys.call()
  r <- rounding_args(rounding, threshold, symmetric, compat, call)
  with_na(core(reround_values(
    rounding_values(x, call), counts(digits, "digits", call),
    r$rounding, r$threshold, r$symmetric, r$compat
  ), call)$values)
}

#' Round half up, half down, up or down from a digit
#'
#' The single procedures behind [reround()]. `round_up()` sends ties up the
#' number line and `round_down()` down (with `symmetric = TRUE`, away from and
#' towards zero); `round_up_from()` rounds up when the cut-off part is at least
#' `threshold` tenths of a step, `round_down_from()` rounds down when it is at
#' most `10 - threshold` tenths.
#'
#' @inheritParams reround
#' @return A double vector.
#' @export
#'
#' @examples
#' round_up("4.125", 2)
#' round_down("4.125", 2)
#' round_up_from("4.14", 1, threshold = 4)
#' round_down_from("4.16", 1, threshold = 4)
round_up <- function(x, digits = 0L, symmetric = FALSE, compat = NULL) {
  reround(x, digits, "up", 5, symmetric, compat)
}

#' @rdname round_up
#' @export
round_down <- function(x, digits = 0L, symmetric = FALSE, compat = NULL) {
  reround(x, digits, "down", 5, symmetric, compat)
}

#' @rdname round_up
#' @export
round_up_from <- function(x, digits = 0L, threshold, symmetric = FALSE, compat = NULL) {
  reround(x, digits, if (identical(threshold, 5)) "up" else "up_from", threshold, symmetric, compat)
}

#' @rdname round_up
#' @export
round_down_from <- function(x, digits = 0L, threshold, symmetric = FALSE, compat = NULL) {
  reround(x, digits, if (identical(threshold, 5)) "down" else "down_from", threshold, symmetric, compat)
}

#' Round towards +Inf, -Inf, zero, or away from zero
#'
#' `round_ceiling()`, `round_floor()`, `round_trunc()` and
#' `round_anti_trunc()` round to `digits` decimals; `anti_trunc()` to whole
#' numbers. In exact mode a value that needs no rounding is kept; with
#' `compat = "scrutiny"`, anti-truncation moves it a step, as scrutiny does
#' (`anti_trunc(2)` is 3).
#'
#' @inheritParams reround
#' @return A double vector.
#' @export
#'
#' @examples
#' round_ceiling("-4.19", 1)
#' round_floor("-4.11", 1)
#' round_trunc("-4.19", 1)
#' round_anti_trunc("4.11", 1)
#' anti_trunc("-2.5")
round_ceiling <- function(x, digits = 0L, compat = NULL) {
  reround(x, digits, "ceiling", 5, FALSE, compat)
}

#' @rdname round_ceiling
#' @export
round_floor <- function(x, digits = 0L, compat = NULL) {
  reround(x, digits, "floor", 5, FALSE, compat)
}

#' @rdname round_ceiling
#' @export
round_trunc <- function(x, digits = 0L, compat = NULL) {
  reround(x, digits, "trunc", 5, FALSE, compat)
}

#' @rdname round_ceiling
#' @export
round_anti_trunc <- function(x, digits = 0L, compat = NULL) {
  reround(x, digits, "anti_trunc", 5, FALSE, compat)
}

#' @rdname round_ceiling
#' @export
anti_trunc <- function(x, compat = NULL) {
  round_anti_trunc(x, 0L, compat)
}

#' The interval a reported value was rounded from
#'
#' scrutiny's `unround()`: for each report, the lowest and highest values
#' that round to it by the procedure, and whether each end itself does.
#'
#' @param x Character. Reported values as written (trailing zeros count;
#'   numbers are accepted with a warning).
#' @inheritParams reround
#'
#' @return A data frame with `range`, `rounding`, `lower`, `incl_lower`, `x`,
#'   `incl_upper` and `upper`.
#' @export
#'
#' @examples
#' unround(c("2.7", "0.15"))
#' unround("2.70", rounding = "up")
unround <- function(x, rounding = "up_or_down", threshold = 5, compat = NULL) {
  call <- sys.call()
  r <- rounding_args(rounding, threshold, FALSE, compat, call)
  x <- reported(x, "x", call)
  b <- core(unround_values(x, r$rounding, r$threshold, r$compat), call)
  data.frame(
    range = b$range, rounding = rep(rounding, length(x)),
    lower = with_na(b$lower), incl_lower = b$incl_lower, x = as.character(x),
    incl_upper = b$incl_upper, upper = with_na(b$upper),
    stringsAsFactors = FALSE
  )
}

#' Put back trailing zeros
#'
#' scrutiny's `restore_zeros()`: writes every value with `width` decimals,
#' or with as many as the value with the most has, so that numbers that lost
#' their trailing zeros (`5.20` read as `5.2`) can be tested again. A value
#' with more decimals than `width` is an error, never rounded.
#'
#' @param x Numbers or strings.
#' @param width Whole number of decimals, or `NULL` for the most any value
#'   has.
#' @param sep_in,sep_out Decimal separators read and written (`"\\."`, as in
#'   scrutiny, is read as `"."`).
#'
#' @return A character vector, `NA` where `x` is `NA`.
#' @export
#'
#' @examples
#' restore_zeros(c(4.1, 7, 2.375))
#' restore_zeros("0.5", width = 2)
restore_zeros <- function(x, width = NULL, sep_in = "\\.", sep_out = sep_in) {
  call <- sys.call()
  if (is.null(width) && length(x) == 1) {
    warning("a single value sets its own width, so no zeros can be restored; give `width`", call. = FALSE)
  }
  if (!is.null(width)) {
    width <- setting(width, "width", "number", call)
  }
  literal <- function(sep, name) sub("^\\\\", "", setting(sep, name, "string", call))
  core(restore_zeros_values(
    rounding_values(x, call), width, literal(sep_in, "sep_in"), literal(sep_out, "sep_out")
  ), call)$values
}

#' Round to a fraction
#'
#' scrutiny's `reround_to_fraction()`: rounds to the nearest `1 /
#' denominator` (`1.26` to quarters is 1.25) by the procedure, then, if
#' `digits` is finite, to that many decimals by the same procedure. A pair
#' procedure gives both of its results per value.
#'
#' @inheritParams reround
#' @param denominator Whole number of at least 1, one or one per value.
#' @param digits Decimals to round the fraction to, or `Inf` to keep it.
#'
#' @return A double vector.
#' @export
#'
#' @examples
#' reround_to_fraction("0.4", 3, rounding = "up")
#' reround_to_fraction("0.4", 3, digits = 2, rounding = "up")
reround_to_fraction <- function(x = NULL, denominator = 1, digits = Inf,
                                rounding = "up_or_down", threshold = 5,
                                symmetric = FALSE, compat = NULL) {
  call <- sys.call()
  r <- rounding_args(rounding, threshold, symmetric, compat, call)
  with_na(core(reround_to_fraction_values(
    rounding_values(x, call), counts(denominator, "denominator", call),
    setting(digits, "digits", "number", call),
    r$rounding, r$threshold, r$symmetric, r$compat
  ), call)$values)
}

#' The bias that rounding brings
#'
#' scrutiny's `rounding_bias()`: each value rounded minus the value, and by
#' default their mean. Needs one procedure, not a pair.
#'
#' @inheritParams reround
#' @param mean Logical. Return the mean bias (`TRUE`) or each value's.
#'
#' @return A double: the mean bias, or one per value.
#' @export
#'
#' @examples
#' rounding_bias(c("0.5", "1.5", "2.25"), 0)
#' rounding_bias(c("0.5", "1.5", "2.25"), 0, mean = FALSE)
rounding_bias <- function(x, digits, rounding = "up", threshold = 5,
                          symmetric = FALSE, mean = TRUE, compat = NULL) {
  call <- sys.call()
  r <- rounding_args(rounding, threshold, symmetric, compat, call)
  mean <- setting(mean, "mean", "flag", call)
  bias <- core(rounding_bias_values(
    rounding_values(x, call), counts(digits, "digits", call),
    r$rounding, r$threshold, r$symmetric, r$compat
  ), call)
  with_na(if (mean) bias$mean else bias$values)
}
