#' Raise square matrices to an integer power
#'
#' Like NumPy's `matrix_power`: `n = 0` gives the identity, `n = 1` a copy,
#' and a negative `n` inverts first (double matrices only; a singular matrix
#' is an error). An array of dimensions `c(m, m, k)` is raised matrix by
#' matrix. Integer matrices are exact: overflow is an error unless
#' `overflow = "wrap"` asks for wrapping around, as NumPy does. R's
#' integers have no -2^31 (that value is `NA_integer_`), so a wrapped result
#' that lands on it is an error of class `ferrox_error_unsupported`.
#'
#' @param a A double or integer matrix (or an array of square matrices).
#' @param n Whole number. The exponent.
#' @param overflow String. `"raise"` or `"wrap"`, for integer matrices.
#' @param nan String. `"propagate"` (NaN and NA flow into the result) or
#'   `"raise"` (an error).
#' @param parallel Logical. Use every core.
#'
#' @return An array of the same dimensions and type.
#' @export
#'
#' @examples
#' fib <- matrix(c(1L, 1L, 1L, 0L), 2)
#' matrix_power(fib, 10)
#' matrix_power(matrix(c(2, 0, 0, 4), 2), -1)
matrix_power <- function(a, n, overflow = "raise", nan = "propagate", parallel = TRUE) {
  call <- sys.call()
  if (!(is.double(a) || is.integer(a)) || length(dim(a)) < 2) {
    ferrox_abort("`a` must be a double or integer matrix", call)
  }
  result <- core(
    matrix_power_array(
      a, dim(a), setting(n, "n", "number", call), setting(overflow, "overflow", "string", call),
      setting(nan, "nan", "string", call), setting(parallel, "parallel", "flag", call)
    ),
    call
  )
  array(result$value, dim = dim(a), dimnames = dimnames(a))
}

#' All real roots of cubic equations
#'
#' Solves `a*y^3 + b*y^2 + c*y + d = 0` robustly: near-double roots come out
#' real and accurate instead of `NaN`, coefficients from 1e-300 to 1e300
#' neither overflow nor lose roots, a zero leading coefficient falls back to
#' the quadratic or linear case, and `NA` or infinite coefficients give no
#' roots. Missing roots are `NaN`, never 0.
#'
#' @param a,b,c,d Numeric vectors of coefficients, recycled to a common
#'   length (each of length 1 or that length).
#'
#' @return A matrix with one row per equation and columns `root1`, `root2`,
#'   `root3` (ascending), with the number of real roots of each row in the
#'   attribute `count`.
#' @export
#'
#' @examples
#' cubic_roots(1, 0, -7, 6)
#' cubic_roots(1, 0, c(-7, 1), c(6, 0))
cubic_roots <- function(a, b, c, d) {
  call <- sys.call()
  coefficients <- lapply(list(a = a, b = b, c = c, d = d), function(x) {
    if (!is.numeric(x)) ferrox_abort("the coefficients must be numeric", call)
    as.double(x)
  })
  result <- core(do.call(cubic_roots_vectors, unname(coefficients)), call)
  roots <- matrix(result$roots, ncol = 3, byrow = TRUE, dimnames = list(NULL, paste0("root", 1:3)))
  attr(roots, "count") <- result$count
  roots
}

#' Real roots of McFACTS's orbital cubic
#'
#' Solves `x0*y^3 + 1.5*y - y0 = 0`, as [cubic_roots()] does; near-circular
#' orbits (`x0 = -(1 - e^2)/2`, `y0 = 1`, tiny `e`) are solved accurately.
#'
#' @param x0,y0 Numeric vectors, recycled.
#'
#' @return As for [cubic_roots()].
#' @export
#'
#' @examples
#' cubic_y_root(-0.5, 1)
#' e <- c(0.5, 1e-4, 1e-8)
#' cubic_y_root(-(1 - e^2) / 2, 1)
cubic_y_root <- function(x0, y0) {
  if (!is.numeric(x0) || !is.numeric(y0)) {
    ferrox_abort("`x0` and `y0` must be numeric", sys.call())
  }
  cubic_roots(x0, 0, 1.5, -y0)
}
