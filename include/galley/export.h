/* Symbol visibility: galley builds with -fvisibility=hidden. */
#ifndef GALLEY_EXPORT_H
#define GALLEY_EXPORT_H
#define GALLEY_API __attribute__((visibility("default")))
#endif
