#include "root_find.hpp"

#include <cfloat>
#include <cmath>

namespace acuroi::meta::detail {

// Brent (1973) as implemented in R's zeroin: inverse quadratic / secant steps, bisection fallback.
RootResult brent_root(const std::function<double(double)>& f, double lower, double upper,
                      double f_lower, double f_upper, double tol, int maxiter) {
  double a = lower, b = upper, fa = f_lower, fb = f_upper;
  double c = a, fc = fa;
  if (fa == 0.0) return {a, true, 0};
  if (fb == 0.0) return {b, true, 0};
  int remaining = maxiter + 1;
  int used = 0;
  while (remaining-- > 0) {
    const double prev_step = b - a;
    if (std::abs(fc) < std::abs(fb)) {
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const double tol_act = 2.0 * DBL_EPSILON * std::abs(b) + tol / 2.0;
    double new_step = (c - b) / 2.0;
    if (std::abs(new_step) <= tol_act || fb == 0.0) return {b, true, used};
    if (std::abs(prev_step) >= tol_act && std::abs(fa) > std::abs(fb)) {
      double p, q;
      const double cb = c - b;
      if (a == c) {
        const double t1 = fb / fa;
        p = cb * t1;
        q = 1.0 - t1;
      } else {
        q = fa / fc;
        const double t1 = fb / fc;
        const double t2 = fb / fa;
        p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
        q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
      }
      if (p > 0) q = -q; else p = -p;
      if (p < (0.75 * cb * q - std::abs(tol_act * q) / 2.0) && p < std::abs(prev_step * q / 2.0))
        new_step = p / q;
    }
    if (std::abs(new_step) < tol_act) new_step = new_step > 0 ? tol_act : -tol_act;
    a = b; fa = fb;
    b += new_step;
    fb = f(b);
    ++used;
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) { c = a; fc = fa; }
  }
  return {b, false, used};
}

}  // namespace acuroi::meta::detail
