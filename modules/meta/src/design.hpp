// Internal: weighted least-squares pieces for a diagonal weight matrix W, without ever forming a
// k x k matrix. P = W - W X (X'WX)^-1 X'W is only used through traces and quadratic forms:
//   tr(P M)     = sum w m - tr(A^-1 X'(w^2 m)X)
//   tr(P M P N) = sum w^2 m n - 2 tr(A^-1 X'(w^3 m n)X) + tr(A^-1 X'(w^2 m)X A^-1 X'(w^2 n)X)
// with A = X'WX and M, N diagonal. Two designs share that interface: intercept-only (scalar sums,
// no allocation, the voxel-wise fast path) and a general k x p model matrix (Eigen, O(k p^2)).
#pragma once
#include <Eigen/Dense>
#include <cmath>
#include <cstddef>

namespace acuroi::meta::detail {

struct InterceptDesign {
  using Coef = double;
  using Cov = double;  // (X'WX)^-1
  std::size_t k;
  std::size_t p() const { return 1; }
  double x(std::size_t, std::size_t) const { return 1.0; }
  template <class W>
  void wls(const double* y, W w, Coef& beta, Cov& inv) const {
    double sw = 0, swy = 0;
    for (std::size_t i = 0; i < k; ++i) {
      const double wi = w(i);
      sw += wi;
      swy += wi * y[i];
    }
    inv = 1.0 / sw;
    beta = swy * inv;
  }
  double fitted(std::size_t, const Coef& beta) const { return beta; }
  template <class D>
  double xdx_trace(const Cov& inv, D d) const {  // tr(A^-1 X'DX)
    double s = 0;
    for (std::size_t i = 0; i < k; ++i) s += d(i);
    return inv * s;
  }
  template <class D, class E>
  double xdx_trace2(const Cov& inv, D d, E e) const {  // tr(A^-1 X'DX A^-1 X'EX)
    double sd = 0, se = 0;
    for (std::size_t i = 0; i < k; ++i) {
      sd += d(i);
      se += e(i);
    }
    return inv * sd * inv * se;
  }
  double log_det_cov(const Cov& inv) const { return std::log(inv); }  // log det (X'WX)^-1
  double log_det_xtx() const { return std::log(static_cast<double>(k)); }
  Eigen::VectorXd coef_vector(const Coef& b) const { return Eigen::VectorXd::Constant(1, b); }
  Eigen::MatrixXd cov_matrix(const Cov& c) const { return Eigen::MatrixXd::Constant(1, 1, c); }
};

struct MatrixDesign {
  using Coef = Eigen::VectorXd;
  using Cov = Eigen::MatrixXd;
  const Eigen::MatrixXd* X;
  std::size_t k;
  std::size_t p() const { return static_cast<std::size_t>(X->cols()); }
  double x(std::size_t i, std::size_t j) const { return (*X)(i, j); }
  template <class D>
  Eigen::MatrixXd xdx(D d) const {
    const Eigen::Index pc = X->cols();
    Eigen::MatrixXd s = Eigen::MatrixXd::Zero(pc, pc);
    for (std::size_t i = 0; i < k; ++i) {
      const double di = d(i);
      const auto row = X->row(static_cast<Eigen::Index>(i));
      s.noalias() += di * row.transpose() * row;
    }
    return s;
  }
  template <class W>
  void wls(const double* y, W w, Coef& beta, Cov& inv) const {
    const Eigen::Index pc = X->cols();
    Eigen::VectorXd xwy = Eigen::VectorXd::Zero(pc);
    for (std::size_t i = 0; i < k; ++i) xwy += w(i) * y[i] * X->row(static_cast<Eigen::Index>(i)).transpose();
    const Eigen::MatrixXd a = xdx(w);
    inv = a.ldlt().solve(Eigen::MatrixXd::Identity(pc, pc));
    beta = inv * xwy;
  }
  double fitted(std::size_t i, const Coef& beta) const {
    return X->row(static_cast<Eigen::Index>(i)).dot(beta);
  }
  template <class D>
  double xdx_trace(const Cov& inv, D d) const { return (inv * xdx(d)).trace(); }
  template <class D, class E>
  double xdx_trace2(const Cov& inv, D d, E e) const {
    return (inv * xdx(d) * inv * xdx(e)).trace();
  }
  double log_det_cov(const Cov& inv) const {
    return -std::log(inv.inverse().determinant());
  }
  double log_det_xtx() const {
    const Eigen::MatrixXd xtx = X->transpose() * *X;
    return std::log(xtx.determinant());
  }
  Eigen::VectorXd coef_vector(const Coef& b) const { return b; }
  Eigen::MatrixXd cov_matrix(const Cov& c) const { return c; }
};

// Traces of P-products for weights w (functor i -> w_i), diagonal m, n (functors).
template <class Design, class W, class M>
double trace_pm(const Design& d, const typename Design::Cov& inv, W w, M m) {
  double s = 0;
  for (std::size_t i = 0; i < d.k; ++i) s += w(i) * m(i);
  return s - d.xdx_trace(inv, [&](std::size_t i) { return w(i) * w(i) * m(i); });
}
template <class Design, class W, class M, class N>
double trace_pmpn(const Design& d, const typename Design::Cov& inv, W w, M m, N n) {
  double s = 0;
  for (std::size_t i = 0; i < d.k; ++i) s += w(i) * w(i) * m(i) * n(i);
  s -= 2.0 * d.xdx_trace(inv, [&](std::size_t i) { return w(i) * w(i) * w(i) * m(i) * n(i); });
  s += d.xdx_trace2(inv, [&](std::size_t i) { return w(i) * w(i) * m(i); },
                    [&](std::size_t i) { return w(i) * w(i) * n(i); });
  return s;
}

}  // namespace acuroi::meta::detail
