// {{name}}: the smallest Keel pico VM. Add your code here; print with <keel/print.h>.
int main()
{
    return 0;
}
