#' CLOSURE: every sample behind a reported mean and SD
#'
#' Reconstructs every multiset of `n` scale values (from `scale_min` to
#' `scale_max` in steps of `1 / items`) whose mean and SD are consistent with
#' the reports, deciding with exact integer arithmetic. The bounds come from
#' the `rounding` of the reports, or, when both `rounding_error_mean` and
#' `rounding_error_sd` are given, are the closed intervals `[x - e, x + e]`
#' (the convention of `unsum` and `scrutipy`).
#'
#' `closure_count()` counts without listing, so it handles billions of
#' samples; `closure_exists()` stops at the first one, the strongest
#' consistency test of a mean and SD together. `closure()` counts first and
#' refuses up front when the samples would take more than `max_memory_mb`.
#'
#' @param mean,sd The reported mean and SD, as strings (numbers are read as
#'   their shortest decimal).
#' @param n The sample size.
#' @param scale_min,scale_max The ends of the scale (whole numbers).
#' @param items Items averaged into each score.
#' @param rounding,threshold How the reports were rounded, as in [grim()].
#' @param rounding_error_mean,rounding_error_sd Explicit errors (both or
#'   neither).
#' @param population `TRUE` if the SD has denominator `n`.
#' @param stop_after Keep only the first this many samples.
#' @param max_memory_mb Refuse to list samples that need more memory.
#' @param progress Show a text progress bar when listing takes more than a
#'   second (the count, known first, is its total).
#'
#' @return `closure()`: an object of class `ferrox_closure` with `count`,
#'   `values` (the scale values), `frequencies` (one row per sample, one
#'   column per value) and `horns` (the horns index of each sample), in
#'   lexicographic order of the sorted samples. `closure_count()`: a number
#'   (exact up to 2^53; the exact digits are in its `"exact"` attribute).
#'   `closure_exists()`: `TRUE` or `FALSE`.
#' @export
#'
#' @examples
#' closure_count(3.5, 1.2, 50, 0, 7, rounding_error_mean = 0.05, rounding_error_sd = 0.005)
#' closure_exists("2.0", "0.5", 3, 1, 3)
#' file <- tempfile(fileext = ".csv")
#' closure_write("3.5", "1.2", 50, 0, 7, file, rounding_error_mean = 0.05, rounding_error_sd = 0.005)
#' nrow(utils::read.csv(file))
#' sizes <- integer()
#' closure_batches("3.5", "1.2", 50, 0, 7, function(batch) sizes <<- c(sizes, nrow(batch)),
#'   rounding_error_mean = 0.05, rounding_error_sd = 0.005, batch_size = 5000
#' )
#' sizes
#' closure_summary("3.5", "1.2", 100, 1, 7, rounding_error_mean = 0.05, rounding_error_sd = 0.05)
#' x <- closure("3.5", "0.5", 12, 1, 5, rounding_error_mean = 0.05, rounding_error_sd = 0.05)
#' x
#' summary(x)
#' as.data.frame(x)
closure <- function(mean, sd, n, scale_min, scale_max, items = 1,
                    rounding = "up_or_down", threshold = 5,
                    rounding_error_mean = NULL, rounding_error_sd = NULL,
                    population = FALSE, stop_after = NULL, max_memory_mb = 1024,
                    progress = interactive()) {
  call <- sys.call()
  if (!is.null(stop_after)) stop_after <- setting(stop_after, "stop_after", "number", call)
  bar <- text_bar(setting(progress, "progress", "flag", call))
  on.exit(bar$close())
  r <- closure_core(
    mean, sd, n, scale_min, scale_max, items, rounding, threshold,
    rounding_error_mean, rounding_error_sd, population, "samples", stop_after,
    setting(max_memory_mb, "max_memory_mb", "number", call), call,
    progress = bar$report
  )
  structure(samples_fields(r), class = "ferrox_closure")
}

# A text progress bar drawn once work has taken a second: `report(done,
# total)` for the Rust side (NULL when not shown), and `close()`.
text_bar <- function(show) {
  bar <- NULL
  list(
    report = if (show) {
      function(done, total) {
        if (is.null(bar)) bar <<- utils::txtProgressBar(max = max(total, 1), style = 3)
        utils::setTxtProgressBar(bar, done)
      }
    },
    close = function() if (!is.null(bar)) close(bar)
  )
}

# The fields of a result from the samples list the Rust side returns.
samples_fields <- function(s) {
  frequencies <- matrix(s$frequencies,
    ncol = length(s$values), byrow = TRUE, dimnames = list(NULL, format(s$values))
  )
  list(
    count = s$count, values = s$values, frequencies = frequencies, horns = s$horns,
    summary = data.frame(value = s$values, min = s$min, max = s$max, mean = s$mean)
  )
}

#' @rdname closure
#' @export
closure_count <- function(mean, sd, n, scale_min, scale_max, items = 1,
                          rounding = "up_or_down", threshold = 5,
                          rounding_error_mean = NULL, rounding_error_sd = NULL,
                          population = FALSE) {
  r <- closure_core(
    mean, sd, n, scale_min, scale_max, items, rounding, threshold,
    rounding_error_mean, rounding_error_sd, population, "count", NULL, 0, sys.call()
  )
  structure(r$count, exact = r$exact)
}

#' @rdname closure
#' @export
closure_exists <- function(mean, sd, n, scale_min, scale_max, items = 1,
                           rounding = "up_or_down", threshold = 5,
                           rounding_error_mean = NULL, rounding_error_sd = NULL,
                           population = FALSE) {
  closure_core(
    mean, sd, n, scale_min, scale_max, items, rounding, threshold,
    rounding_error_mean, rounding_error_sd, population, "exists", NULL, 0, sys.call()
  )$exists
}

#' @rdname closure
#' @return `closure_summary()`: an object of class `ferrox_closure_summary`
#'   with `count`, `table` (per scale value: fewest, most and mean
#'   occurrences, and the mean's standard error `mean_error`), `distribution`
#'   (per scale value, `distribution[[j]][c + 1]` samples hold it `c` times),
#'   `horns_min` and `horns_max` (the least and greatest horns index with a
#'   sample that has it), computed without listing the samples. The fewest
#'   and most occurrences and the horns extremes are exact at any size;
#'   where the samples are too many to count, `count` is `NA` (unless a count
#'   was still possible) and `count_estimate` estimates it by importance
#'   sampling (`log10`, `relative_error`, `trials`, `text`; `NULL` when
#'   counted), the means are estimated from uniform draws with their
#'   standard errors, and the distributions are empty.
#' @export
closure_summary <- function(mean, sd, n, scale_min, scale_max, items = 1,
                            rounding = "up_or_down", threshold = 5,
                            rounding_error_mean = NULL, rounding_error_sd = NULL,
                            population = FALSE) {
  r <- closure_core(
    mean, sd, n, scale_min, scale_max, items, rounding, threshold,
    rounding_error_mean, rounding_error_sd, population, "summary", NULL, 0, sys.call()
  )
  structure(
    list(
      count = structure(r$count, exact = r$exact),
      count_estimate = r$count_estimate,
      table = data.frame(
        value = r$value, min = r$min, max = r$max, mean = r$mean, mean_error = r$mean_error
      ),
      distribution = r$distribution,
      horns_min = r$horns_min, horns_max = r$horns_max
    ),
    class = "ferrox_closure_summary"
  )
}

#' @export
print.ferrox_closure_summary <- function(x, ...) {
  if (is.na(x$count)) {
    cat(
      "CLOSURE: too many samples to count, ", x$count_estimate$text,
      "; exact ranges, means estimated from uniform draws:\n",
      sep = ""
    )
  } else {
    cat("CLOSURE:", attr(x$count, "exact"), "samples; occurrences of each scale value:\n")
  }
  print(x$table)
  if (length(x$horns_min)) {
    cat("horns index from", format(x$horns_min$horns), "to", format(x$horns_max$horns), "\n")
  }
  invisible(x)
}

#' @rdname closure
#' @param path File to write every sample to, as CSV: a header of the scale
#'   values, then one row of value counts per sample, written as they are
#'   enumerated, so memory stays bounded however many there are.
#' @return `closure_write()`: the number of samples written, invisibly.
#' @export
closure_write <- function(mean, sd, n, scale_min, scale_max, path, items = 1,
                          rounding = "up_or_down", threshold = 5,
                          rounding_error_mean = NULL, rounding_error_sd = NULL,
                          population = FALSE) {
  call <- sys.call()
  r <- closure_core(
    mean, sd, n, scale_min, scale_max, items, rounding, threshold,
    rounding_error_mean, rounding_error_sd, population, "write", NULL, 0, call,
    path = setting(path, "path", "string", call)
  )
  invisible(r$written)
}

#' @rdname closure
#' @param callback A function called with each batch of samples: an integer
#'   matrix of at most `batch_size` rows, one frequency vector per sample
#'   (columns: the scale values), in the order of `closure()`.
#' @param batch_size The most samples in one batch.
#' @return `closure_batches()`: the number of samples streamed, invisibly.
#'   Memory stays bounded however many there are; Esc or Ctrl-C stops it.
#' @export
closure_batches <- function(mean, sd, n, scale_min, scale_max, callback, items = 1,
                            rounding = "up_or_down", threshold = 5,
                            rounding_error_mean = NULL, rounding_error_sd = NULL,
                            population = FALSE, batch_size = 1e5) {
  call <- sys.call()
  if (!is.function(callback)) {
    ferrox_abort("`callback` must be a function of one batch (a matrix)", call)
  }
  case <- reported_case(
    mean, sd, n, scale_min, scale_max, items, rounding, threshold,
    rounding_error_mean, rounding_error_sd, population, call
  )
  receive <- function(counts, values) {
    callback(matrix(counts, ncol = length(values), byrow = TRUE, dimnames = list(NULL, format(values))))
  }
  r <- core(closure_batches_run(case, setting(batch_size, "batch_size", "number", call), receive), call)
  invisible(r$count)
}

closure_core <- function(mean, sd, n, scale_min, scale_max, items, rounding, threshold,
                         error_mean, error_sd, population, what, stop_after,
                         max_memory_mb, call, path = "", progress = NULL) {
  case <- reported_case(
    mean, sd, n, scale_min, scale_max, items, rounding, threshold, error_mean, error_sd,
    population, call
  )
  core(closure_run(case, what, stop_after, max_memory_mb, path, progress), call)
}

# The reports and the scale, checked, as the list the Rust side reads.
reported_case <- function(mean, sd, n, scale_min, scale_max, items, rounding, threshold,
                          error_mean, error_sd, population, call) {
  r <- rounding_args(rounding, threshold, FALSE, NULL, call)
  # Trailing zeros matter for reports only when their rounding sets the
  # bounds, so numbers warn only then.
  explicit <- !is.null(error_mean) && !is.null(error_sd)
  number <- function(x, name, warn = !explicit) {
    if (is.null(x)) NULL else if (warn) reported(x, name, call) else suppressWarnings(reported(x, name, call))
  }
  list(
    mean = number(mean, "mean"), sd = number(sd, "sd"),
    n = setting(n, "n", "number", call),
    scale_min = setting(scale_min, "scale_min", "number", call),
    scale_max = setting(scale_max, "scale_max", "number", call),
    items = setting(items, "items", "number", call),
    rounding = r$rounding, threshold = r$threshold,
    error_mean = number(error_mean, "rounding_error_mean", FALSE),
    error_sd = number(error_sd, "rounding_error_sd", FALSE),
    population = setting(population, "population", "flag", call)
  )
}

#' @export
print.ferrox_closure <- function(x, ...) {
  listed <- nrow(x$frequencies)
  cat("CLOSURE:", format(x$count, big.mark = ","), "samples")
  if (listed < x$count) cat(",", listed, "listed")
  cat(" on a scale from", x$values[1], "to", x$values[length(x$values)], "\n")
  print(utils::head(as.data.frame(x)))
  invisible(x)
}

#' @export
summary.ferrox_closure <- function(object, ...) {
  object$summary
}

#' @export
as.data.frame.ferrox_closure <- function(x, ...) {
  data.frame(x$frequencies, horns = x$horns, check.names = FALSE)
}

#' @export
plot.ferrox_closure <- function(x, ...) {
  old <- graphics::par(mfrow = c(1, 2))
  on.exit(graphics::par(old))
  s <- x$summary
  graphics::plot(s$value, s$mean,
    ylim = range(0, s$max), pch = 19, xlab = "scale value",
    ylab = "count in sample", main = paste(x$count, "samples")
  )
  graphics::segments(s$value, s$min, s$value, s$max, lwd = 6, col = "grey60")
  graphics::points(s$value, s$mean, pch = 19)
  if (length(x$horns) == 0) {
    graphics::plot(NA_real_, NA_real_, xlim = c(0, 1), ylim = c(0, 1),
      main = "horns index", xlab = "horns index", ylab = "samples"
    )
  } else {
    graphics::hist(x$horns, main = "horns index", xlab = "horns index", ylab = "samples")
  }
  invisible(x)
}
