#include "distributions.hpp"

#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>

namespace acuroi::stats::detail {

double t_two_sided_p(double t, double df) {
  if (std::isinf(t)) return 0.0;
  const boost::math::students_t dist(df);
  const double p = 2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(t)));
  return p > 1.0 ? 1.0 : p;
}

double t_critical(double confidence, double df) {
  const boost::math::students_t dist(df);
  return boost::math::quantile(dist, 0.5 + confidence / 2.0);
}

double f_upper_p(double f, double df_num, double df_den) {
  if (!(f > 0.0)) return 1.0;
  if (std::isinf(f)) return 0.0;
  const boost::math::fisher_f dist(df_num, df_den);
  return boost::math::cdf(boost::math::complement(dist, f));
}

double normal_upper_p(double z) {
  if (std::isinf(z)) return z > 0 ? 0.0 : 1.0;
  const boost::math::normal dist(0.0, 1.0);
  return boost::math::cdf(boost::math::complement(dist, z));
}

}  // namespace acuroi::stats::detail
