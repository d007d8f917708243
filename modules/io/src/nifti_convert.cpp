#include "nifti_convert.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

namespace acuroi::io::detail {

namespace {

template <std::size_t N>
struct UnsignedOfSize;
template <>
struct UnsignedOfSize<1> {
  using type = std::uint8_t;
};
template <>
struct UnsignedOfSize<2> {
  using type = std::uint16_t;
};
template <>
struct UnsignedOfSize<4> {
  using type = std::uint32_t;
};
template <>
struct UnsignedOfSize<8> {
  using type = std::uint64_t;
};

template <class U>
inline U bswap(U v) {
  if constexpr (sizeof(U) == 1)
    return v;
  else if constexpr (sizeof(U) == 2)
    return __builtin_bswap16(v);
  else if constexpr (sizeof(U) == 4)
    return __builtin_bswap32(v);
  else
    return __builtin_bswap64(v);
}

template <class T, bool Swap>
inline T load(const std::uint8_t* p) {
  using U = typename UnsignedOfSize<sizeof(T)>::type;
  U bits;
  std::memcpy(&bits, p, sizeof(T));
  if constexpr (Swap) bits = bswap(bits);
  T value;
  std::memcpy(&value, &bits, sizeof(T));
  return value;
}

template <class T, bool Swap>
inline void store(std::uint8_t* p, T value) {
  using U = typename UnsignedOfSize<sizeof(T)>::type;
  U bits;
  std::memcpy(&bits, &value, sizeof(T));
  if constexpr (Swap) bits = bswap(bits);
  std::memcpy(p, &bits, sizeof(T));
}

template <class T, bool Swap>
void to_float(const std::uint8_t* raw, std::size_t count, double slope, double inter, float* out) {
  if (slope == 1.0 && inter == 0.0) {
    if constexpr (std::is_same_v<T, float> && !Swap) {
      std::memcpy(out, raw, count * sizeof(float));
    } else {
      for (std::size_t i = 0; i < count; ++i)
        out[i] = static_cast<float>(load<T, Swap>(raw + i * sizeof(T)));
    }
    return;
  }
  for (std::size_t i = 0; i < count; ++i)
    out[i] =
        static_cast<float>(static_cast<double>(load<T, Swap>(raw + i * sizeof(T))) * slope + inter);
}

template <class T, bool Swap>
void from_float(const float* values, std::size_t count, double slope, double inter,
                std::uint8_t* raw) {
  if constexpr (std::is_floating_point_v<T>) {
    const bool scaled = !(slope == 1.0 && inter == 0.0);
    for (std::size_t i = 0; i < count; ++i) {
      const double v = scaled ? (static_cast<double>(values[i]) - inter) / slope : values[i];
      store<T, Swap>(raw + i * sizeof(T), static_cast<T>(v));
    }
  } else {
    const double lowest = static_cast<double>(std::numeric_limits<T>::lowest());
    const double highest = static_cast<double>(std::numeric_limits<T>::max());
    const auto stored_of = [&](double v) -> T {
      double s = std::nearbyint((v - inter) / slope);
      if (s <= lowest) return std::numeric_limits<T>::lowest();
      if (s >= highest) return std::numeric_limits<T>::max();
      return static_cast<T>(s);
    };
    const T stored_zero = stored_of(0.0);
    for (std::size_t i = 0; i < count; ++i) {
      const double v = values[i];
      store<T, Swap>(raw + i * sizeof(T), std::isnan(v) ? stored_zero : stored_of(v));
    }
  }
}

template <class Visitor>
void dispatch(NiftiDatatype datatype, bool swap, Visitor&& visit) {
  const auto with = [&](auto tag) {
    using T = decltype(tag);
    if (swap)
      visit.template operator()<T, true>();
    else
      visit.template operator()<T, false>();
  };
  switch (datatype) {
    case NiftiDatatype::uint8:
      return with(std::uint8_t{});
    case NiftiDatatype::int8:
      return with(std::int8_t{});
    case NiftiDatatype::int16:
      return with(std::int16_t{});
    case NiftiDatatype::uint16:
      return with(std::uint16_t{});
    case NiftiDatatype::int32:
      return with(std::int32_t{});
    case NiftiDatatype::uint32:
      return with(std::uint32_t{});
    case NiftiDatatype::int64:
      return with(std::int64_t{});
    case NiftiDatatype::float32:
      return with(float{});
    case NiftiDatatype::float64:
      return with(double{});
  }
}

}  // namespace

void convert_to_float(NiftiDatatype datatype, const std::uint8_t* raw, std::size_t count, bool swap,
                      double slope, double inter, float* out) {
  dispatch(datatype, swap,
           [&]<class T, bool Swap>() { to_float<T, Swap>(raw, count, slope, inter, out); });
}

void convert_from_float(NiftiDatatype datatype, const float* values, std::size_t count, bool swap,
                        double slope, double inter, std::uint8_t* raw) {
  dispatch(datatype, swap,
           [&]<class T, bool Swap>() { from_float<T, Swap>(values, count, slope, inter, raw); });
}

}  // namespace acuroi::io::detail
